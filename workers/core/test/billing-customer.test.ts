/**
 * One Stripe customer per account through Core, the real Customer and Billing workers and the
 * Stripe stand-in (issue 14 item 4): checkouts and portal visits racing on a fresh account
 * create one customer, stored once in D1.
 */

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { appClient } from "./support/app-client";

async function verifiedAccount() {
	const call = appClient();
	const signup = await call<{ user: { id: string } }>("POST", "/auth/signup", {
		email: `customer-${crypto.randomUUID()}@example.com`,
		password: "one customer passphrase",
	});
	const userId = signup.body.user.id;
	await env.TEST_DB.prepare("UPDATE users SET email_verified_at = ? WHERE id = ?")
		.bind(new Date().toISOString(), userId)
		.run();
	return { call, userId };
}

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

describe("#14.4 one Stripe customer per account", () => {
	it("#14.4 two checkouts, two portal visits and a mix of both at once create one customer", async () => {
		for (const paths of [
			["/billing/checkout", "/billing/checkout"],
			["/billing/portal", "/billing/portal"],
			["/billing/checkout", "/billing/portal", "/billing/checkout", "/billing/portal"],
		]) {
			const { call, userId } = await verifiedAccount();
			const answers = await Promise.all(
				paths.map((path) =>
					call<{ url: string }>(
						"POST",
						path,
						path.endsWith("checkout") ? { plan: "pro", interval: "month" } : undefined,
					),
				),
			);
			expect(answers.map((a) => a.status)).toEqual(paths.map(() => 200));
			const customers = await customersOf(userId);
			expect(customers.all, paths.join(" + ")).toEqual([customers.current]);
		}
	});

	it("#14.4 checkout from an unconfirmed address is 403 email_not_verified and creates no customer", async () => {
		const call = appClient();
		const signup = await call<{ user: { id: string } }>("POST", "/auth/signup", {
			email: `unverified-${crypto.randomUUID()}@example.com`,
			password: "one customer passphrase",
		});
		const res = await call<{ error: { code: string } }>("POST", "/billing/checkout", {
			plan: "pro",
			interval: "month",
		});
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe("email_not_verified");
		expect(await customersOf(signup.body.user.id)).toEqual({ current: null, all: [] });
	});

	it("#14.4 the portal from an unconfirmed address is 403 email_not_verified and creates no customer", async () => {
		const call = appClient();
		const signup = await call<{ user: { id: string } }>("POST", "/auth/signup", {
			email: `unverified-${crypto.randomUUID()}@example.com`,
			password: "one customer passphrase",
		});
		const res = await call<{ error: { code: string } }>("POST", "/billing/portal");
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe("email_not_verified");
		expect(await customersOf(signup.body.user.id)).toEqual({ current: null, all: [] });
	});
});
