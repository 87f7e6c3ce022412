/**
 * Billing: the checkout request and the normalised "subscription changed" result the Billing
 * Worker hands to Core (and Core to the Customer Worker).
 */
import { z } from "zod";
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
}
