/**
 * Billing requests of the dashboard: the two ways out to Stripe (Checkout to upgrade, the portal
 * to manage), which hand back a URL the browser then opens, and whether a plan is paid up.
 */
import type { BodyOf, Plan } from "@smartpages/contracts";
import { type ApiFailure, api } from "./api";

/** The billing interval of an upgrade, as POST /billing/checkout takes it. */
export type Interval = BodyOf<"POST /billing/checkout">["interval"];

/**
 * Asks Core for a Stripe page (Checkout for `interval`, else the portal) and opens it. Resolves
 * only when it failed (the browser is leaving otherwise), with the reason.
 */
export async function openStripe(interval: Interval | "portal"): Promise<ApiFailure> {
	const res =
		interval === "portal"
			? await api("POST /billing/portal")
			: await api("POST /billing/checkout", { body: { plan: "pro", interval } });
	if (!res.ok) return res;
	window.location.assign(res.data.url);
	// Keep the caller busy until the browser has left.
	return new Promise<ApiFailure>(() => undefined);
}

/** A plan whose subscription is paid up (or still within its grace period). */
export function isPaidPro(plan: Plan): boolean {
	return (
		plan.id === "pro" &&
		(plan.status === "active" || plan.status === "trialing" || plan.status === "past_due")
	);
}
