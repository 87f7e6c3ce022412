/**
 * Mails around account deletion, through the whole system (#15.4): deleting a Pro account
 * cancels its subscription at Stripe, whose `customer.subscription.deleted` webhook races the
 * deletion; the account's owner gets the "account deleted" mail and no "back on the free plan"
 * mail.
 */
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import {
	bareClient,
	inboxOf,
	mailTo,
	PASSWORD,
	stack,
	until,
	verifiedAccount,
} from "../support/api.ts";
import { ROOT } from "../support/binding-table.ts";

const SECRET = (
	parse(readFileSync(join(ROOT, "workers/billing/wrangler.jsonc"), "utf8")) as {
		vars: Record<string, string>;
	}
).vars.LOCAL_STRIPE_WEBHOOK_SECRET as string;

/** Stripe calling the webhook: no Origin, no session. */
const stripe = bareClient();

/**
 * A signed event about the subscription, as Stripe sends one for every change (Core re-fetches
 * the subscription's state from Stripe, so any event type about it applies its current state).
 */
async function postSubscriptionEvent(subscriptionId: string, customer: string): Promise<number> {
	const payload = JSON.stringify({
		id: `evt_test_${randomBytes(8).toString("hex")}`,
		object: "event",
		type: "customer.subscription.updated",
		created: Math.floor(Date.now() / 1000),
		data: { object: { id: subscriptionId, object: "subscription", customer } },
	});
	const t = Math.floor(Date.now() / 1000);
	const v1 = createHmac("sha256", SECRET).update(`${t}.${payload}`).digest("hex");
	const res = await stripe.call("POST /webhooks/stripe", {
		body: payload,
		headers: { "Stripe-Signature": `t=${t},v1=${v1}` },
	});
	return res.status;
}

type Api = Awaited<ReturnType<typeof verifiedAccount>>["api"];
const inbox = inboxOf;

/** Upgrades an account through Checkout on the Stripe stand-in; answers the subscription id. */
async function upgrade(api: Api): Promise<{ id: string; customer: string }> {
	const checkout = await api.call("POST /billing/checkout", {
		body: {
			plan: "pro",
			interval: "month",
		},
	});
	expect(checkout.status).toBe(200);
	const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1];
	const done = await fetch(`${stack.urls.stripe}/_dev/checkout/${sessionId}/complete`, {
		method: "POST",
	});
	const { subscription } = (await done.json()) as {
		subscription: { id: string; customer: string };
	};
	await until(
		() => api.call("GET /me").then((r) => r.body),
		(me) => me.plan.id === "pro",
		"pro plan",
	);
	return subscription;
}

/** The stand-in's webhook deliveries of one event type for one subscription. */
async function deliveries(type: string, subscriptionId: string) {
	const res = await fetch(`${stack.urls.stripe}/_dev/events`);
	const body = (await res.json()) as {
		events: { type: string; data: { object: { id?: string } }; delivery_attempts?: number }[];
	};
	return body.events.filter((e) => e.type === type && e.data.object.id === subscriptionId);
}

describe("#15.4 mails around account deletion", () => {
	it.for([1, 2, 3])(
		"#15.4 deleting a Pro account sends only the 'account deleted' mail, not 'back on the free plan' (run %i)",
		async () => {
			const { api, email } = await verifiedAccount();
			const subscription = await upgrade(api);
			const subscriptionId = subscription.id;
			await mailTo(email, /Welcome to SmartPages Pro/);
			const before = (await inbox(email)).length;

			// Stripe's webhooks about the subscription race the deletion: one every few milliseconds
			// while it runs, so some are applied after Stripe cancelled the subscription and before
			// the account is gone (Stripe's own customer.subscription.deleted is one of them).
			let deleting = true;
			const race = async () => {
				while (deleting) await postSubscriptionEvent(subscriptionId, subscription.customer);
			};
			const racers = [race(), race(), race()];
			const deleted = await api.call("DELETE /me", { body: { password: PASSWORD } });
			deleting = false;
			await Promise.all(racers);
			expect(deleted.status).toBe(204);
			await until(
				() => inbox(email),
				(messages) => messages.some((m) => /account was deleted/.test(m.subject)),
				"the 'account deleted' mail",
			);
			// Stripe's webhook for the cancelled subscription reached Core and was acknowledged.
			await until(
				() => deliveries("customer.subscription.deleted", subscriptionId),
				(events) => events.length === 1 && (events[0]?.delivery_attempts ?? 0) >= 1,
				"subscription.deleted webhook delivered",
			);
			// Time for a racing notice to be queued and delivered before counting.
			await new Promise((resolve) => setTimeout(resolve, 3000));
			// The inbox lists the newest first: what arrived since the deletion comes before the rest.
			const all = await inbox(email);
			const since = all.slice(0, all.length - before).map((m) => m.subject);
			expect(since).toEqual(["Your SmartPages account was deleted"]);
		},
	);
});
