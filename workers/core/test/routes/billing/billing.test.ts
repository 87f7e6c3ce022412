/**
 * The billing routes (src/routes/billing/billing.ts) through Core, the real Customer and Billing
 * workers and the Stripe stand-in. One Stripe customer per account (issue 14.4): checkouts and
 * portal visits racing on a fresh account create one customer, stored once in D1, and only for a
 * confirmed address. The Checkout return page confirms only the account's own session (issue
 * 15.5).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { account, call } from "../../support/request";
import { upgraded } from "../../support/stripe";

/** What D1 knows: the current customer and every customer recorded for the account. */
async function customersOf(userId: string) {
	const user = await env.TEST_DB.prepare("SELECT stripe_customer_id FROM users WHERE id = ?")
		.bind(userId)
		.first<{ stripe_customer_id: string | null }>();
	const { results } = await env.TEST_DB.prepare(
		"SELECT customer_id FROM stripe_customers WHERE user_id = ?",
	)
		.bind(userId)
		.all<{ customer_id: string }>();
	return { current: user?.stripe_customer_id ?? null, all: results.map((r) => r.customer_id) };
}

const freshEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

describe("security", () => {
	describe("#14.4 one Stripe customer per account", () => {
		it("#14.4 two checkouts, two portal visits and a mix of both at once create one customer", async () => {
			for (const endpoints of [
				["POST /billing/checkout", "POST /billing/checkout"],
				["POST /billing/portal", "POST /billing/portal"],
				[
					"POST /billing/checkout",
					"POST /billing/portal",
					"POST /billing/checkout",
					"POST /billing/portal",
				],
			] as const) {
				const owner = await account("free", {
					email: freshEmail("customer"),
					password: "one customer passphrase",
				});
				const answers = await Promise.all(
					endpoints.map((endpoint) =>
						call(endpoint, {
							as: owner,
							body: endpoint.endsWith("checkout") ? { plan: "pro", interval: "month" } : undefined,
						}),
					),
				);
				expect(answers.map((a) => a.status)).toEqual(endpoints.map(() => 200));
				const customers = await customersOf(owner.userId);
				expect(customers.all, endpoints.join(" + ")).toEqual([customers.current]);
			}
		});

		it("#14.4 checkout from an unconfirmed address is 403 email_not_verified and creates no customer", async () => {
			const owner = await account("unverified", {
				email: freshEmail("unverified"),
				password: "one customer passphrase",
			});
			const res = await call("POST /billing/checkout", {
				as: owner,
				body: { plan: "pro", interval: "month" },
			});
			expect(res.status).toBe(403);
			expect(res.error.code).toBe("email_not_verified");
			expect(await customersOf(owner.userId)).toEqual({ current: null, all: [] });
		});

		it("#14.4 the portal from an unconfirmed address is 403 email_not_verified and creates no customer", async () => {
			const owner = await account("unverified", {
				email: freshEmail("unverified"),
				password: "one customer passphrase",
			});
			const res = await call("POST /billing/portal", { as: owner });
			expect(res.status).toBe(403);
			expect(res.error.code).toBe("email_not_verified");
			expect(await customersOf(owner.userId)).toEqual({ current: null, all: [] });
		});
	});

	describe("#15.5 the Checkout return page confirms its own session", () => {
		it("#15.5 GET /billing/checkout/:sessionId answers the account's own session, 404 for another account's or a made-up id", async () => {
			const owner = await account("free", {
				email: freshEmail("eu"),
				password: "eu billing passphrase",
				locale: "en",
			});
			const { sessionId } = await upgraded(owner);
			const own = await call("GET /billing/checkout/:sessionId", {
				as: owner,
				params: { sessionId },
			});
			expect(own.status).toBe(200);
			expect(own.body).toMatchObject({ status: "complete", plan: { id: "pro" } });

			// Another account, with a Stripe customer of its own (an open checkout), asks for it.
			const other = await account("free", {
				email: freshEmail("eu"),
				password: "eu billing passphrase",
				locale: "en",
			});
			const otherCheckout = await call("POST /billing/checkout", {
				as: other,
				body: { plan: "pro", interval: "year" },
			});
			const otherSession = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(otherCheckout.body.url)?.[1];
			const foreign = await call("GET /billing/checkout/:sessionId", {
				as: other,
				params: { sessionId },
			});
			expect(foreign.status).toBe(404);
			expect(foreign.error.code).toBe("not_found");
			const mine = await call("GET /billing/checkout/:sessionId", {
				as: other,
				params: { sessionId: String(otherSession) },
			});
			expect(mine.body.status).toBe("open");

			for (const id of ["cs_test_000000000000000000000000", "not-a-session", "cs_test_%2F..%2F"]) {
				const res = await call("GET /billing/checkout/:sessionId", {
					as: owner,
					params: { sessionId: id },
				});
				expect(res.status, id).toBe(404);
			}
		});
	});
});
