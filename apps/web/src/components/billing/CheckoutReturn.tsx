/**
 * The landing after Stripe Checkout. `?checkout=success&session_id=…` (Stripe fills in the id):
 * first Core confirms that this session is the account's own and complete (GET
 * /billing/checkout/:sessionId; a foreign or unknown one is 404, an unpaid one says nothing was
 * charged); then, since the plan changes only once Stripe's webhook has reached Core, this polls
 * GET /me until the plan is Pro (saying so meanwhile) and hands the new account state up.
 * `?checkout=cancelled`: says nothing was charged. The query is removed once read, so a reload
 * does not repeat it.
 */
import type { Plan } from "@smartpages/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../../lib/account";
import { api } from "../../lib/api";
import { isPaidPro } from "../../lib/billing";
import { useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import type { CheckoutPhase as Phase } from "../../lib/plan-view";

const POLL_MS = 1500;
/** About a minute and a half; the webhook normally arrives within seconds. */
const POLL_ATTEMPTS = 60;

function dropCheckoutParam() {
	const url = new URL(window.location.href);
	url.searchParams.delete("checkout");
	url.searchParams.delete("session_id");
	window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
}

export function CheckoutReturn({
	plan,
	onUpgraded,
	onPhase,
}: {
	plan: Plan;
	onUpgraded: (me: Me) => void;
	/** The plan screen hides the upgrade offer while a paid upgrade is being activated. */
	onPhase?: (phase: Phase) => void;
}) {
	const { t } = useI18n();
	const [phase, setPhaseState] = useState<Phase>("none");
	const reported = useRef(onPhase);
	reported.current = onPhase;
	const setPhase = (next: Phase) => {
		setPhaseState(next);
		reported.current?.(next);
	};
	const initialPlan = useRef(plan);
	const upgraded = useRef(onUpgraded);
	upgraded.current = onUpgraded;

	useEffect(() => {
		const outcome = queryParam("checkout");
		if (outcome !== "success" && outcome !== "cancelled") return;
		const sessionId = queryParam("session_id");
		dropCheckoutParam();
		if (outcome === "cancelled") {
			setPhase("cancelled");
			return;
		}
		if (isPaidPro(initialPlan.current)) {
			setPhase("activated");
			return;
		}
		setPhase("activating");
		let stopped = false;
		let timer: ReturnType<typeof setTimeout> | undefined;
		/** This account's session, and paid? Without an answer (network), the polling decides. */
		const confirm = async (): Promise<boolean> => {
			if (!sessionId) return true;
			const res = await api("GET /billing/checkout/:sessionId", { params: { sessionId } });
			if (stopped) return false;
			if (!res.ok && res.code === "not_found") {
				setPhase("unknown");
				return false;
			}
			if (res.ok && res.data.status !== "complete") {
				setPhase("incomplete");
				return false;
			}
			return true;
		};
		const poll = async (attempt: number) => {
			const res = await api("GET /me");
			if (stopped) return;
			if (res.ok && isPaidPro(res.data.plan)) {
				setPhase("activated");
				upgraded.current(res.data);
				return;
			}
			if (attempt + 1 >= POLL_ATTEMPTS) {
				setPhase("slow");
				return;
			}
			timer = setTimeout(() => void poll(attempt + 1), POLL_MS);
		};
		void confirm().then((confirmed) => {
			if (confirmed) void poll(0);
		});
		return () => {
			stopped = true;
			clearTimeout(timer);
		};
	}, []);

	return (
		<div aria-live="polite" class="checkout-return">
			{phase === "activating" ? (
				<p class="notice notice-info" aria-busy="true">
					{t.billing.activating}
				</p>
			) : null}
			{phase === "activated" ? <p class="notice notice-success">{t.billing.activated}</p> : null}
			{phase === "slow" ? <p class="notice notice-info">{t.billing.activationSlow}</p> : null}
			{phase === "cancelled" ? (
				<p class="notice notice-info">{t.billing.checkoutCancelled}</p>
			) : null}
			{phase === "incomplete" ? (
				<p class="notice notice-info">{t.billing.checkoutIncomplete}</p>
			) : null}
			{phase === "unknown" ? <p class="notice notice-error">{t.billing.checkoutUnknown}</p> : null}
		</div>
	);
}
