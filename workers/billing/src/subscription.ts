/**
 * Normalising Stripe events: whatever the event, the result carries the subscription's current
 * state fetched from Stripe now, so processing events in any order converges on the same state.
 */
import type { PaymentAction, SubscriptionChange } from "@smartpages/contracts";
import type Stripe from "stripe";

const HANDLED = new Set([
	"checkout.session.completed",
	"customer.subscription.created",
	"customer.subscription.updated",
	"customer.subscription.deleted",
	"invoice.paid",
	"invoice.payment_failed",
	// A renewal that needs the customer's authentication (SCA): the invoice stays open until the
	// customer confirms the payment on its hosted page (issue 15 item 5).
	"invoice.payment_action_required",
]);

const INVOICE_EVENTS = new Set([
	"invoice.paid",
	"invoice.payment_failed",
	"invoice.payment_action_required",
]);

const idOf = (value: string | { id: string } | null | undefined): string | null =>
	typeof value === "string" ? value : (value?.id ?? null);

/**
 * The subscription a non-invoice event is about. Nothing else is taken from the event body: the
 * state and the account it belongs to are read from Stripe (a `client_reference_id` in a checkout
 * event is not evidence: the subscription's metadata, read back, names the same user when it is
 * ours). Invoice events are read through their invoice (`invoiceState`).
 */
function subscriptionOf(event: Stripe.Event): string | null {
	const object = event.data.object as unknown as Record<string, unknown>;
	if (event.type === "checkout.session.completed") return idOf(event.data.object.subscription);
	return typeof object.id === "string" ? object.id : null;
}

/**
 * An invoice event's invoice as Stripe reports it now (so a late `payment_action_required` for
 * an invoice paid meanwhile asks for nothing): its subscription, and what it asks of the
 * customer. Only a still open invoice of a `payment_action_required` event needs their action;
 * `invoice.paid` (or an invoice no longer open) clears it; a failed payment changes nothing here.
 */
async function invoiceState(
	stripe: Stripe,
	type: string,
	invoiceId: string,
): Promise<{ subscriptionId: string | null; paymentAction?: PaymentAction }> {
	const invoice = await stripe.invoices.retrieve(invoiceId);
	const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription ?? null);
	const open = invoice.status === "open";
	if (type === "invoice.payment_failed" && open) return { subscriptionId };
	const invoiceUrl =
		type === "invoice.payment_action_required" && open
			? (invoice.hosted_invoice_url ?? null)
			: null;
	return { subscriptionId, paymentAction: { invoiceId, invoiceUrl } };
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
	let subscriptionId: string | null;
	let paymentAction: PaymentAction | undefined;
	if (INVOICE_EVENTS.has(event.type)) {
		const invoiceId = (event.data.object as { id?: unknown }).id;
		if (typeof invoiceId !== "string") return { ...base, change: null };
		({ subscriptionId, paymentAction } = await invoiceState(stripe, event.type, invoiceId));
	} else {
		subscriptionId = subscriptionOf(event);
	}
	if (!subscriptionId) return { ...base, change: null };
	const sub = await stripe.subscriptions.retrieve(subscriptionId);
	const change = toChange(sub, await ownerOf(stripe, sub));
	return { ...base, change: paymentAction ? { ...change, paymentAction } : change };
}
