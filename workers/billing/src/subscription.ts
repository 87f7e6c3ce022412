/**
 * Normalising Stripe events: whatever the event, the result carries the subscription's current
 * state fetched from Stripe now, so processing events in any order converges on the same state.
 */
import type { SubscriptionChange } from "@smartpages/contracts";
import type Stripe from "stripe";

const HANDLED = new Set([
	"checkout.session.completed",
	"customer.subscription.created",
	"customer.subscription.updated",
	"customer.subscription.deleted",
	"invoice.paid",
	"invoice.payment_failed",
]);

const idOf = (value: string | { id: string } | null | undefined): string | null =>
	typeof value === "string" ? value : (value?.id ?? null);

/**
 * The subscription an event is about. Nothing else is taken from the event body: the state and
 * the account it belongs to are read from Stripe (a `client_reference_id` in a checkout event is
 * not evidence: the subscription's metadata, read back, names the same user when it is ours).
 */
function subscriptionOf(event: Stripe.Event): string | null {
	const object = event.data.object as unknown as Record<string, unknown>;
	switch (event.type) {
		case "checkout.session.completed":
			return idOf(event.data.object.subscription);
		case "invoice.paid":
		case "invoice.payment_failed":
			return idOf(event.data.object.parent?.subscription_details?.subscription ?? null);
		default:
			return typeof object.id === "string" ? object.id : null;
	}
}

const userIdIn = (metadata: Stripe.Metadata | null | undefined): string | null => {
	const value = metadata?.userId;
	return typeof value === "string" && value !== "" ? value : null;
};

/**
 * Our user id for a subscription: from its metadata (set by our server at Checkout through
 * `subscription_data.metadata`), else from its customer's metadata (set when we created the
 * customer). Only our server can set either; both are read from Stripe here.
 */
async function ownerOf(stripe: Stripe, sub: Stripe.Subscription): Promise<string | null> {
	const own = userIdIn(sub.metadata);
	if (own) return own;
	const customerId = idOf(sub.customer);
	if (!customerId) return null;
	const customer = await stripe.customers.retrieve(customerId);
	return customer.deleted ? null : userIdIn(customer.metadata);
}

/** Maps a Stripe subscription (and our user id for it, see `ownerOf`) to the stored plan state. */
export function toChange(sub: Stripe.Subscription, userId: string | null): SubscriptionChange {
	const item = sub.items.data[0];
	const status = sub.status;
	const paid = status === "active" || status === "trialing" || status === "past_due";
	return {
		customerId: idOf(sub.customer) ?? "",
		subscriptionId: sub.id,
		userId,
		plan: paid ? "pro" : "free",
		status:
			status === "incomplete_expired" || status === "unpaid"
				? "canceled"
				: (status as SubscriptionChange["status"]),
		interval: item?.price.recurring?.interval === "year" ? "year" : "month",
		currentPeriodEnd: item?.current_period_end
			? new Date(item.current_period_end * 1000).toISOString()
			: null,
		cancelAtPeriodEnd: sub.cancel_at_period_end,
	};
}

export interface NormalisedEvent {
	eventId: string;
	type: string;
	/** Null for events SmartPages does not act on (acknowledged, nothing changes). */
	change: SubscriptionChange | null;
	paymentFailed: boolean;
}

export async function normalise(stripe: Stripe, event: Stripe.Event): Promise<NormalisedEvent> {
	const base = {
		eventId: event.id,
		type: event.type,
		paymentFailed: event.type === "invoice.payment_failed",
	};
	if (!HANDLED.has(event.type)) return { ...base, change: null };
	const subscriptionId = subscriptionOf(event);
	if (!subscriptionId) return { ...base, change: null };
	const sub = await stripe.subscriptions.retrieve(subscriptionId);
	return { ...base, change: toChange(sub, await ownerOf(stripe, sub)) };
}
