/**
 * The ways to Stripe: the upgrade offer (Checkout, monthly or yearly, with Stripe's prices) for
 * the Free plan and the billing portal for Pro. Each button stays busy until the browser has left
 * for Stripe; a failure is said in words next to the buttons.
 */
import type { Entitlements, Prices } from "@smartpages/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiFailure } from "../../lib/api";
import { type Interval, openStripe } from "../../lib/billing";
import { useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import { failureText } from "../../lib/messages";
import { useHydrated } from "../ui/form";
import { PlanPrices, type PriceButton } from "./PlanPrices";
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

/**
 * A failure next to the buttons, scrolled into view and focused when it appears: on a phone the
 * buttons can sit at the bottom of the screen, and a message below them went unseen.
 */
function StripeError({ error }: { error: string | null }) {
	const ref = useRef<HTMLParagraphElement>(null);
	useEffect(() => {
		if (!error || !ref.current) return;
		ref.current.focus({ preventScroll: true });
		ref.current.scrollIntoView({ block: "nearest" });
	}, [error]);
	return (
		<div aria-live="polite">
			{error ? (
				<p class="notice notice-error" role="alert" tabIndex={-1} ref={ref}>
					{error}
				</p>
			) : null}
		</div>
	);
}

/**
 * The upgrade to Pro: what it includes, both prices with their Checkout buttons (PlanPrices);
 * an unconfirmed address is told first and the buttons stay off until it is confirmed (Core
 * would refuse the Checkout with 403 email_not_verified).
 */
export function UpgradeOffer({
	pro,
	prices,
	confirmFirst,
}: {
	pro: Entitlements;
	prices: Prices | null;
	confirmFirst: boolean;
}) {
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

	const button = (interval: Interval): PriceButton => ({
		busy: busy === interval,
		disabled: !hydrated || confirmFirst,
		onChoose: () => void go(interval),
	});

	return (
		<section class="card upgrade" aria-labelledby="upgrade-heading" id="upgrade">
			<h2 id="upgrade-heading">{t.plan.upgradeTitle}</h2>
			{confirmFirst ? <p class="notice notice-info">{t.plans.confirmFirst}</p> : null}
			{afterSignup && !confirmFirst ? (
				<p class="notice notice-info">{t.billing.continueSignup}</p>
			) : null}
			<p>{t.billing.proIncludes}:</p>
			<PlanLimits entitlements={pro} />
			<PlanPrices
				prices={prices}
				buttons={{ month: button("month"), year: button("year") }}
				firstRef={first}
			/>
			<StripeError error={error} />
			<p class="hint">{t.billing.upgradeIntro}</p>
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
