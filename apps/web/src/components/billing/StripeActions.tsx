/**
 * The ways to Stripe: the upgrade offer (Checkout, monthly or yearly) for the Free plan and the
 * billing portal for Pro. Each button stays busy until the browser has left for Stripe; a failure
 * is said in words next to the buttons.
 */
import type { Entitlements } from "@smartpages/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiFailure } from "../../lib/api";
import { type Interval, openStripe } from "../../lib/billing";
import { useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import { failureText } from "../../lib/messages";
import { useHydrated } from "../ui/form";
import { PlanLimits } from "./Usage";

type Target = Interval | "portal";

function useStripe() {
	const { t } = useI18n();
	const [busy, setBusy] = useState<Target | null>(null);
	const [error, setError] = useState<string | null>(null);
	const go = async (target: Target) => {
		if (busy) return;
		setBusy(target);
		setError(null);
		const failure: ApiFailure = await openStripe(target);
		setBusy(null);
		setError(failure.code === "conflict" ? t.billing.alreadyPro : failureText(t, failure));
	};
	return { busy, error, go };
}

function StripeError({ error }: { error: string | null }) {
	return (
		<div aria-live="polite">
			{error ? (
				<p class="notice notice-error" role="alert">
					{error}
				</p>
			) : null}
		</div>
	);
}

export function UpgradeOffer({ pro }: { pro: Entitlements }) {
	const { t } = useI18n();
	const hydrated = useHydrated();
	const { busy, error, go } = useStripe();
	const [afterSignup, setAfterSignup] = useState(false);
	const first = useRef<HTMLButtonElement>(null);

	// After a Pro sign-up was confirmed, the visitor arrives here to continue: say so, focus it.
	useEffect(() => {
		if (queryParam("upgrade") !== "pro") return;
		setAfterSignup(true);
		first.current?.focus();
	}, []);

	const button = (interval: Interval, label: string, primary: boolean) => (
		<button
			type="button"
			ref={primary ? first : undefined}
			class={`button ${primary ? "button-primary" : "button-secondary"}`}
			disabled={!hydrated}
			aria-disabled={busy ? "true" : undefined}
			onClick={() => void go(interval)}
		>
			{busy === interval ? t.billing.redirecting : label}
		</button>
	);

	return (
		<section class="card upgrade" aria-labelledby="upgrade-heading">
			<h2 id="upgrade-heading">{t.plan.upgradeTitle}</h2>
			{afterSignup ? <p class="notice notice-info">{t.billing.continueSignup}</p> : null}
			<p>{t.billing.proIncludes}:</p>
			<PlanLimits entitlements={pro} />
			<p>{t.billing.upgradeIntro}</p>
			<div class="actions">
				{button("month", t.billing.monthly, true)}
				{button("year", t.billing.yearly, false)}
			</div>
			<StripeError error={error} />
		</section>
	);
}

export function ManageSubscription() {
	const { t } = useI18n();
	const hydrated = useHydrated();
	const { busy, error, go } = useStripe();
	return (
		<section class="card" aria-labelledby="manage-heading">
			<h2 id="manage-heading">{t.billing.manageHeading}</h2>
			<p>{t.billing.manageText}</p>
			<button
				type="button"
				class="button button-primary"
				disabled={!hydrated}
				aria-disabled={busy ? "true" : undefined}
				onClick={() => void go("portal")}
			>
				{busy ? t.billing.portalOpening : t.billing.portal}
			</button>
			<StripeError error={error} />
		</section>
	);
}
