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

/** The subscription an event is about, and the user id when the event names one. */
function subjectOf(event: Stripe.Event): {
	subscriptionId: string | null;
	userId: string | null;
	customerId: string | null;
} {
	const object = event.data.object as unknown as Record<string, unknown>;
	switch (event.type) {
		case "checkout.session.completed": {
			const session = event.data.object;
			return {
				subscriptionId: idOf(session.subscription),
				userId: session.client_reference_id,
				customerId: idOf(session.customer),
			};
		}
		case "invoice.paid":
		case "invoice.payment_failed": {
			const invoice = event.data.object;
			return {
				subscriptionId: idOf(invoice.parent?.subscription_details?.subscription ?? null),
				userId: null,
				customerId: idOf(invoice.customer),
			};
		}
		default:
			return {
				subscriptionId: typeof object.id === "string" ? object.id : null,
				userId: null,
				customerId: idOf(object.customer as string | { id: string } | null),
			};
	}
}

/** Maps a Stripe subscription to the plan state SmartPages stores. */
export function toChange(sub: Stripe.Subscription, userId: string | null): SubscriptionChange {
	const item = sub.items.data[0];
	const status = sub.status;
	const paid = status === "active" || status === "trialing" || status === "past_due";
	return {
		customerId: idOf(sub.customer) ?? "",
		subscriptionId: sub.id,
		userId: userId ?? (typeof sub.metadata?.userId === "string" ? sub.metadata.userId : null),
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
	const subject = subjectOf(event);
	if (!subject.subscriptionId) return { ...base, change: null };
	const sub = await stripe.subscriptions.retrieve(subject.subscriptionId);
	return { ...base, change: toChange(sub, subject.userId) };
}
