/**
 * The local Stripe stand-in as Core's tests drive it: its dev endpoints (complete a Checkout,
 * require an action, pay an invoice), and its events delivered to Core's webhook route signed
 * with Billing's local secret, as Stripe would deliver them.
 */
import { env } from "cloudflare:workers";
import { stripeSignature } from "@smartpages/testing/stripe-signature";
import { expect } from "vitest";
import { type Account, call, raw } from "./request";

/** Billing's local webhook secret (workers/billing/wrangler.jsonc), shared with the stand-in. */
const WEBHOOK_SECRET = "whsec_local_development_only";
const stripeBase = () => `http://127.0.0.1:${env.TEST_CLOUD.stripe}`;

type Json = Record<string, unknown>;

/** Posts one event to POST /webhooks/stripe, signed as Stripe signs it. */
export async function postWebhook(event: Json) {
	const payload = JSON.stringify(event);
	return raw("POST", "/webhooks/stripe", {
		headers: {
			Origin: null,
			"Content-Type": "application/json",
			"Stripe-Signature": await stripeSignature(payload, WEBHOOK_SECRET),
		},
		body: payload,
	});
}

/** Delivers the customer's events the stand-in emitted since the last call, in order. */
export function deliverer(customer: string) {
	let delivered = 0;
	return async () => {
		const res = await fetch(`${stripeBase()}/_dev/events?customer=${customer}`);
		const { events } = (await res.json()) as { events: Json[] };
		for (const event of events.slice(delivered)) {
			expect((await postWebhook(event)).status, String(event.type)).toBe(200);
		}
		delivered = events.length;
		return events;
	};
}

/** Calls one of the stand-in's dev endpoints (what a customer would do on Stripe's pages). */
export async function stripeDev<T = Json>(path: string): Promise<T> {
	const res = await fetch(`${stripeBase()}/_dev${path}`, { method: "POST" });
	return (await res.json()) as T;
}

/** Checkout through Core, paid on the stand-in; returns the session and its subscription. */
export async function upgraded(owner: Account) {
	const checkout = await call("POST /billing/checkout", {
		as: owner,
		body: { plan: "pro", interval: "month" },
	});
	expect(checkout.status).toBe(200);
	const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1] ?? "";
	const done = await stripeDev<{ subscription: { id: string; customer: string } }>(
		`/checkout/${sessionId}/complete`,
	);
	const deliver = deliverer(done.subscription.customer);
	await deliver();
	return { sessionId, subscription: done.subscription, deliver };
}
