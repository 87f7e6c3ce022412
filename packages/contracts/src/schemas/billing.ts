/**
 * Billing: the checkout request and the normalised "subscription changed" result the Billing
 * Worker hands to Core (and Core to the Customer Worker).
 */
import * as z from "zod";
import type { PlanId, PlanStatus } from "../plans";

export const checkoutBody = z.strictObject({
	plan: z.literal("pro", { error: 'must be "pro"' }),
	interval: z.enum(["month", "year"], { error: 'must be "month" or "year"' }),
});

export interface SubscriptionChange {
	customerId: string;
	subscriptionId: string;
	/**
	 * Our user id from the subscription's metadata (set at Checkout) or else its customer's
	 * (set when we created it), both read from Stripe, never from the event body; null if absent.
	 */
	userId: string | null;
	plan: PlanId;
	status: Exclude<PlanStatus, "none">;
	interval: "month" | "year";
	currentPeriodEnd: string | null;
	cancelAtPeriodEnd: boolean;
	/**
	 * Set by invoice events (issue 15 item 5): the invoice as Stripe reports it now. `invoiceUrl`
	 * is its hosted page while the customer must confirm the payment (strong customer
	 * authentication on a renewal), null once it no longer needs anything (paid, voided).
	 */
	paymentAction?: PaymentAction;
}

export interface PaymentAction {
	invoiceId: string;
	invoiceUrl: string | null;
}

// The shapes the API returns are defined with the other resources (../api/resources).
export type { CheckoutStatus } from "../api/resources";

/** Stripe's Checkout Session ids (`cs_test_…`, `cs_live_…`); anything else cannot be one. */
export const checkoutSessionId = z.string().regex(/^cs_(test|live)_[A-Za-z0-9]{1,200}$/);
