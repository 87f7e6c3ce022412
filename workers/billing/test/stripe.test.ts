/**
 * The Billing Worker against the Stripe stand-in (issue 14 item 4): one customer per account
 * however many requests race, one Checkout Session per attempt, webhooks that name the account
 * only through what our server set and Stripe returns, and deletion that reaches every
 * subscription of every customer.
 */
import { env, exports } from "cloudflare:workers";
import { stripeSignature } from "@smartpages/testing/stripe-signature";
import { describe, expect, it } from "vitest";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-stripe" };

const billing = exports.BillingService;

type Json = Record<string, unknown>;

async function stripeApi<T = Json>(method: string, path: string, form?: Record<string, string>) {
	const res = await fetch(`${env.TEST_STRIPE}/v1${path}`, {
		method,
		headers: {
			Authorization: "Bearer sk_test_local",
			"Content-Type": "application/x-www-form-urlencoded",
		},
		body: form ? new URLSearchParams(form) : undefined,
	});
	return (await res.json()) as T;
}

async function complete(sessionUrl: string): Promise<{ id: string; customer: string }> {
	const id = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(sessionUrl)?.[1];
	const res = await fetch(`${env.TEST_STRIPE}/_dev/checkout/${id}/complete`, { method: "POST" });
	return ((await res.json()) as { subscription: { id: string; customer: string } }).subscription;
}

const sign = (payload: string) => stripeSignature(payload, env.LOCAL_STRIPE_WEBHOOK_SECRET);

function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

const userId = () => `usr_${crypto.randomUUID().slice(0, 12)}`;

describe("#14.4 one Stripe customer and one checkout per attempt", () => {
	it("#14.4 two customer requests at once for one account get one Stripe customer", async () => {
		const id = userId();
		const input = { userId: id, email: `${id}@example.com` };
		const [a, b] = await Promise.all([
			billing.createCustomer(ctx, input),
			billing.createCustomer(ctx, input),
		]);
		expect(value(a).customerId).toBe(value(b).customerId);
		const customer = await stripeApi<{ metadata: Json }>(
			"GET",
			`/customers/${value(a).customerId}`,
		);
		expect(customer.metadata).toEqual({ userId: id });
	});

	it("#14.4 two checkouts at once for one attempt are one session; a new attempt is a new one", async () => {
		const id = userId();
		const { customerId } = value(
			await billing.createCustomer(ctx, { userId: id, email: `${id}@example.com` }),
		);
		const input = { userId: id, customerId, interval: "month" as const, attempt: "r0" };
		const [a, b] = await Promise.all([
			billing.createCheckout(ctx, input),
			billing.createCheckout(ctx, input),
		]);
		expect(value(a).url).toBe(value(b).url);
		// After a plan change (a new plan revision) or for the other interval: a new session.
		const later = value(await billing.createCheckout(ctx, { ...input, attempt: "r1" }));
		const yearly = value(await billing.createCheckout(ctx, { ...input, interval: "year" }));
		expect(new Set([value(a).url, later.url, yearly.url]).size).toBe(3);
	});
});

describe("only the newest Checkout Session of a customer can be paid", () => {
	const sessionIdOf = (url: string) => /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(url)?.[1] ?? "";
	const statusOf = async (url: string) =>
		(await stripeApi<{ status: string }>("GET", `/checkout/sessions/${sessionIdOf(url)}`)).status;

	it("a yearly checkout after a monthly one expires the monthly one: one subscription, not two", async () => {
		const id = userId();
		const { customerId } = value(
			await billing.createCustomer(ctx, { userId: id, email: `${id}@example.com` }),
		);
		const input = { userId: id, customerId, attempt: "r0" };
		const monthly = value(await billing.createCheckout(ctx, { ...input, interval: "month" }));
		const yearly = value(await billing.createCheckout(ctx, { ...input, interval: "year" }));
		expect(await statusOf(monthly.url)).toBe("expired");
		expect(await statusOf(yearly.url)).toBe("open");
		// The tab still showing the monthly checkout can no longer pay it.
		const late = await fetch(
			`${env.TEST_STRIPE}/_dev/checkout/${sessionIdOf(monthly.url)}/complete`,
			{ method: "POST" },
		);
		expect(late.status).toBe(410);
		// Asking again for the same attempt keeps the open session (idempotent), it does not expire it.
		const again = value(await billing.createCheckout(ctx, { ...input, interval: "year" }));
		expect(again.url).toBe(yearly.url);
		expect(await statusOf(yearly.url)).toBe("open");
		// Changing one's mind back within the key's window gets a new open session, not the expired one.
		const monthlyAgain = value(await billing.createCheckout(ctx, { ...input, interval: "month" }));
		expect(monthlyAgain.url).not.toBe(monthly.url);
		expect(await statusOf(monthlyAgain.url)).toBe("open");
		expect(await statusOf(yearly.url)).toBe("expired");
	});
});

describe("#14.4 webhooks name the account only through what Stripe returns", () => {
	it("#14.4 the account is the subscription's metadata user, not a client_reference_id in the event body", async () => {
		const owner = userId();
		const { customerId } = value(
			await billing.createCustomer(ctx, { userId: owner, email: `${owner}@example.com` }),
		);
		const checkout = value(
			await billing.createCheckout(ctx, {
				userId: owner,
				customerId,
				interval: "month",
				attempt: "r0",
			}),
		);
		const sub = await complete(checkout.url);
		// A signed event whose body names someone else (the review's forged event).
		const event = {
			id: `evt_${crypto.randomUUID()}`,
			object: "event",
			type: "checkout.session.completed",
			created: Math.floor(Date.now() / 1000),
			data: {
				object: {
					id: "cs_test_forged",
					object: "checkout.session",
					client_reference_id: "usr_victim",
					customer: customerId,
					subscription: sub.id,
				},
			},
		};
		const payload = JSON.stringify(event);
		const parsed = value(await billing.parseWebhook(ctx, payload, await sign(payload)));
		expect(parsed.change).toMatchObject({
			userId: owner,
			customerId,
			subscriptionId: sub.id,
			plan: "pro",
		});
	});

	it("#14.4 a subscription without our metadata takes the user from its customer's metadata", async () => {
		const owner = userId();
		const { customerId } = value(
			await billing.createCustomer(ctx, { userId: owner, email: `${owner}@example.com` }),
		);
		// Created outside our Checkout (e.g. by support in Stripe's dashboard): no metadata.
		const session = await stripeApi<{ url: string }>("POST", "/checkout/sessions", {
			mode: "subscription",
			customer: customerId,
			"line_items[0][price]": "price_pro_month",
			"line_items[0][quantity]": "1",
		});
		const sub = await complete(session.url);
		const event = {
			id: `evt_${crypto.randomUUID()}`,
			object: "event",
			type: "customer.subscription.created",
			created: Math.floor(Date.now() / 1000),
			data: { object: { id: sub.id, object: "subscription", customer: customerId } },
		};
		const payload = JSON.stringify(event);
		const parsed = value(await billing.parseWebhook(ctx, payload, await sign(payload)));
		expect(parsed.change?.userId).toBe(owner);
	});
});

describe("#14.4 account deletion", () => {
	it("#14.4 cancels every live subscription of every customer and expires open checkouts", async () => {
		const owner = userId();
		const first = value(
			await billing.createCustomer(ctx, { userId: owner, email: `${owner}@example.com` }),
		);
		// A second customer of the same account, as a double checkout created before the fix.
		const second = await stripeApi<{ id: string }>("POST", "/customers", {
			email: `${owner}@example.com`,
			"metadata[userId]": owner,
		});
		const subs = [];
		for (const customerId of [first.customerId, second.id]) {
			const checkout = value(
				await billing.createCheckout(ctx, {
					userId: owner,
					customerId,
					interval: "month",
					attempt: "r0",
				}),
			);
			subs.push(await complete(checkout.url));
		}
		const open = value(
			await billing.createCheckout(ctx, {
				userId: owner,
				customerId: first.customerId,
				interval: "year",
				attempt: "r0",
			}),
		);

		const done = value(await billing.cancelSubscriptions(ctx, [first.customerId, second.id]));
		expect(done).toEqual({ cancelled: 2, expired: 1 });
		for (const sub of subs) {
			const now = await stripeApi<{ status: string }>("GET", `/subscriptions/${sub.id}`);
			expect(now.status).toBe("canceled");
		}
		const late = await fetch(open.url);
		expect(late.status).toBe(410);
	});
});
