/**
 * Billing requests of the dashboard: what GET /billing returns, and the two ways out to Stripe
 * (Checkout to upgrade, the portal to manage), which hand back a URL the browser then opens.
 */
import type { Plan } from "@smartpages/contracts";
import { type ApiFailure, api } from "./api";

export interface Invoice {
	id: string;
	number: string | null;
	amountDue: number;
	amountPaid: number;
	currency: string;
	status: string | null;
	createdAt: string;
	hostedInvoiceUrl: string | null;
}

/** GET /api/v1/billing (invoices are optional in the contract). */
export interface BillingInfo {
	plan: Plan;
	invoices?: Invoice[];
}

export type Interval = "month" | "year";

/**
 * Asks Core for a Stripe page (Checkout for `interval`, else the portal) and opens it. Resolves
 * only when it failed (the browser is leaving otherwise), with the reason.
 */
export async function openStripe(interval: Interval | "portal"): Promise<ApiFailure> {
	const res =
		interval === "portal"
			? await api<{ url: string }>("POST", "/billing/portal")
			: await api<{ url: string }>("POST", "/billing/checkout", { plan: "pro", interval });
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
