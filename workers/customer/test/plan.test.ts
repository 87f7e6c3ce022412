/**
 * Plan state from Stripe events through the Customer Worker's RPC: idempotent by event id, never
 * undone by a late event of an earlier subscription, and safe against two webhooks racing.
 */
import { env, exports } from "cloudflare:workers";
import type { SubscriptionChange } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { applySubscription } from "../src/billing/plan";
import { testDomains } from "./support/site";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-plan" };

const customer = exports.CustomerService;
const SITE = {
	db: env.DB,
	bucket: env.PAGES,
	pagesDomain: env.PAGES_DOMAIN,
	urlTemplate: env.PAGES_URL_TEMPLATE,
	brandingUrl: `${env.APP_ORIGIN}/?ref=badge`,
	domains: testDomains(),
};
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";

async function account() {
	const email = `plan-${crypto.randomUUID()}@example.com`;
	const { user } = await customer.createUser(ctx, { email, passwordHash: HASH, locale: "en" });
	const customerId = `cus_${crypto.randomUUID().slice(0, 8)}`;
	await env.DB.prepare("UPDATE users SET stripe_customer_id = ? WHERE id = ?")
		.bind(customerId, user.id)
		.run();
	return { userId: user.id, customerId };
}

const change = (
	customerId: string,
	subscriptionId: string,
	status: SubscriptionChange["status"],
	extra: Partial<SubscriptionChange> = {},
): SubscriptionChange => ({
	customerId,
	subscriptionId,
	userId: null,
	plan: status === "canceled" ? "free" : "pro",
	status,
	interval: "month",
	currentPeriodEnd: "2026-12-25T00:00:00.000Z",
	cancelAtPeriodEnd: false,
	...extra,
});

const evt = () => `evt_${crypto.randomUUID()}`;

async function planOf(userId: string) {
	const result = await customer.getPlan(ctx, userId);
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

describe("applySubscription", () => {
	it("applies an event once: the same event id again is a duplicate and changes nothing", async () => {
		const { userId, customerId } = await account();
		const id = evt();
		const first = await customer.applySubscription(
			ctx,
			id,
			"customer.subscription.created",
			change(customerId, "sub_a", "active"),
		);
		expect(first.ok && first.value).toMatchObject({ duplicate: false, userId });
		expect(first.ok && first.value.after?.id).toBe("pro");
		const again = await customer.applySubscription(
			ctx,
			id,
			"customer.subscription.created",
			change(customerId, "sub_a", "canceled"),
		);
		expect(again.ok && again.value.duplicate).toBe(true);
		expect((await planOf(userId)).id).toBe("pro");
	});

	it("a late event of an ended earlier subscription does not undo the live one", async () => {
		const { userId, customerId } = await account();
		await customer.applySubscription(ctx, evt(), "x", change(customerId, "sub_old", "active"));
		await customer.applySubscription(ctx, evt(), "x", change(customerId, "sub_old", "canceled"));
		expect((await planOf(userId)).id).toBe("free");
		await customer.applySubscription(ctx, evt(), "x", change(customerId, "sub_new", "active"));
		// Stripe retries the old subscription's deletion after the new one started.
		const late = await customer.applySubscription(
			ctx,
			evt(),
			"customer.subscription.deleted",
			change(customerId, "sub_old", "canceled"),
		);
		expect(late.ok && late.value).toMatchObject({ duplicate: false, userId: null });
		expect(await planOf(userId)).toMatchObject({ id: "pro", status: "active" });
		// The live subscription itself ending still downgrades.
		await customer.applySubscription(ctx, evt(), "x", change(customerId, "sub_new", "canceled"));
		expect((await planOf(userId)).id).toBe("free");
	});

	it("when another webhook changed the plan between read and write, writes nothing and reports a conflict", async () => {
		const { userId, customerId } = await account();
		await customer.applySubscription(ctx, evt(), "x", change(customerId, "sub_a", "active"));
		// A D1 whose plan UPDATE (in a batch) is preceded by another webhook's write to the account.
		const planWrites = new WeakSet<D1PreparedStatement>();
		const racingDb = new Proxy(env.DB, {
			get(target, key) {
				if (key === "prepare") {
					return (sql: string) => {
						const statement = target.prepare(sql);
						if (!sql.startsWith("UPDATE users SET plan_id")) return statement;
						return new Proxy(statement, {
							get(inner, prop) {
								const value = Reflect.get(inner, prop);
								if (prop !== "bind") return typeof value === "function" ? value.bind(inner) : value;
								return (...values: unknown[]) => {
									const bound = inner.bind(...values);
									planWrites.add(bound);
									return bound;
								};
							},
						});
					};
				}
				if (key === "batch") {
					return async (statements: D1PreparedStatement[]) => {
						if (statements.some((s) => planWrites.has(s))) {
							await target
								.prepare(
									"UPDATE users SET cancel_at_period_end = 1, plan_revision = plan_revision + 1 WHERE id = ?",
								)
								.bind(userId)
								.run();
						}
						return target.batch(statements);
					};
				}
				return Reflect.get(target, key).bind(target);
			},
		});
		const site = { ...SITE, db: racingDb };
		const raced = evt();
		const result = await applySubscription(
			site,
			raced,
			"customer.subscription.deleted",
			change(customerId, "sub_a", "canceled"),
		);
		expect(result).toMatchObject({ ok: false, code: "conflict" });
		// Nothing of the stale write landed, and the event is not recorded: Stripe's retry counts.
		expect(await planOf(userId)).toMatchObject({ id: "pro", cancelAtPeriodEnd: true });
		const seen = await env.DB.prepare("SELECT 1 FROM stripe_events WHERE id = ?")
			.bind(raced)
			.first();
		expect(seen).toBeNull();
		// The retry reads the new revision and applies.
		const retry = await customer.applySubscription(
			ctx,
			raced,
			"customer.subscription.deleted",
			change(customerId, "sub_a", "canceled"),
		);
		expect(retry.ok && retry.value.after?.id).toBe("free");
	});

	it("acknowledges an event for an unknown customer without touching any account", async () => {
		const result = await customer.applySubscription(
			ctx,
			evt(),
			"customer.subscription.created",
			change("cus_nobody", "sub_x", "active"),
		);
		expect(result.ok && result.value).toEqual({ duplicate: false, userId: null });
	});
});

describe("#14.4 one Stripe customer per account, subscriptions matched by our id", () => {
	it("#14.4 two customers claimed at once: the first stays, both callers get it, both are remembered", async () => {
		const { user } = await customer.createUser(ctx, {
			email: `claim-${crypto.randomUUID()}@example.com`,
			passwordHash: HASH,
			locale: "en",
		});
		const [a, b] = await Promise.all([
			customer.setStripeCustomer(ctx, user.id, `cus_a_${crypto.randomUUID().slice(0, 8)}`),
			customer.setStripeCustomer(ctx, user.id, `cus_b_${crypto.randomUUID().slice(0, 8)}`),
		]);
		expect(a.ok && b.ok).toBe(true);
		const winner = a.ok ? a.value.customerId : "";
		expect(b.ok && b.value.customerId).toBe(winner);
		const billing = await customer.getBillingAccount(ctx, user.id);
		expect(billing.ok && billing.value.stripeCustomerId).toBe(winner);
		expect(billing.ok && billing.value.stripeCustomerIds).toHaveLength(2);
	});

	it("#14.4 a subscription naming the account in its metadata is applied although its customer is another of the account's", async () => {
		const { userId } = await account();
		const second = `cus_second_${crypto.randomUUID().slice(0, 8)}`;
		const applied = await customer.applySubscription(
			ctx,
			evt(),
			"customer.subscription.created",
			change(second, `sub_${crypto.randomUUID().slice(0, 8)}`, "active", { userId }),
		);
		expect(applied.ok && applied.value).toMatchObject({ duplicate: false, userId });
		expect((await planOf(userId)).id).toBe("pro");
		// From now on the account knows that customer: deletion cancels its subscriptions too.
		const billing = await customer.getBillingAccount(ctx, userId);
		expect(billing.ok && billing.value.stripeCustomerIds).toContain(second);
	});

	it("#14.4 a foreign customer's subscription never changes another account, whatever its metadata names", async () => {
		const victim = await account();
		const attacker = await account();
		const result = await customer.applySubscription(
			ctx,
			evt(),
			"checkout.session.completed",
			change(attacker.customerId, "sub_foreign", "active", { userId: victim.userId }),
		);
		expect(result.ok && result.value).toEqual({ duplicate: false, userId: null });
		expect((await planOf(victim.userId)).id).toBe("free");
		expect((await planOf(attacker.userId)).id).toBe("free");
		// An unknown subscription naming nobody changes nobody.
		const unknown = await customer.applySubscription(
			ctx,
			evt(),
			"checkout.session.completed",
			change(`cus_${crypto.randomUUID().slice(0, 8)}`, "sub_unknown", "active"),
		);
		expect(unknown.ok && unknown.value.userId).toBeNull();
		expect((await planOf(victim.userId)).id).toBe("free");
	});
});
