/**
 * Plan state from Stripe events through the Customer Worker's RPC: idempotent by event id, never
 * undone by a late event of an earlier subscription, and safe against two webhooks racing.
 */
import { env, exports } from "cloudflare:workers";
import type { SubscriptionChange } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { applySubscription } from "../src/billing/plan";

const customer = exports.CustomerService;
const SITE = {
	db: env.DB,
	bucket: env.PAGES,
	pagesDomain: env.PAGES_DOMAIN,
	urlTemplate: env.PAGES_URL_TEMPLATE,
	brandingUrl: `${env.APP_ORIGIN}/?ref=badge`,
};
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";

async function account() {
	const email = `plan-${crypto.randomUUID()}@example.com`;
	const { user } = await customer.createUser({ email, passwordHash: HASH, locale: "en" });
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
	const result = await customer.getPlan(userId);
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

describe("applySubscription", () => {
	it("applies an event once: the same event id again is a duplicate and changes nothing", async () => {
		const { userId, customerId } = await account();
		const id = evt();
		const first = await customer.applySubscription(
			id,
			"customer.subscription.created",
			change(customerId, "sub_a", "active"),
		);
		expect(first.ok && first.value).toMatchObject({ duplicate: false, userId });
		expect(first.ok && first.value.after?.id).toBe("pro");
		const again = await customer.applySubscription(
			id,
			"customer.subscription.created",
			change(customerId, "sub_a", "canceled"),
		);
		expect(again.ok && again.value.duplicate).toBe(true);
		expect((await planOf(userId)).id).toBe("pro");
	});

	it("a late event of an ended earlier subscription does not undo the live one", async () => {
		const { userId, customerId } = await account();
		await customer.applySubscription(evt(), "x", change(customerId, "sub_old", "active"));
		await customer.applySubscription(evt(), "x", change(customerId, "sub_old", "canceled"));
		expect((await planOf(userId)).id).toBe("free");
		await customer.applySubscription(evt(), "x", change(customerId, "sub_new", "active"));
		// Stripe retries the old subscription's deletion after the new one started.
		const late = await customer.applySubscription(
			evt(),
			"customer.subscription.deleted",
			change(customerId, "sub_old", "canceled"),
		);
		expect(late.ok && late.value).toMatchObject({ duplicate: false, userId: null });
		expect(await planOf(userId)).toMatchObject({ id: "pro", status: "active" });
		// The live subscription itself ending still downgrades.
		await customer.applySubscription(evt(), "x", change(customerId, "sub_new", "canceled"));
		expect((await planOf(userId)).id).toBe("free");
	});

	it("when another webhook changed the plan between read and write, writes nothing and reports a conflict", async () => {
		const { userId, customerId } = await account();
		await customer.applySubscription(evt(), "x", change(customerId, "sub_a", "active"));
		// A D1 whose plan UPDATE is preceded by another webhook's write to the same account.
		const racingDb = new Proxy(env.DB, {
			get(target, key) {
				if (key !== "prepare") return Reflect.get(target, key).bind(target);
				return (sql: string) => {
					const statement = target.prepare(sql);
					if (!sql.startsWith("UPDATE users SET plan_id")) return statement;
					return {
						bind: (...values: unknown[]) => ({
							first: async () => {
								await target
									.prepare(
										"UPDATE users SET cancel_at_period_end = 1, plan_revision = plan_revision + 1 WHERE id = ?",
									)
									.bind(userId)
									.run();
								return statement.bind(...values).first();
							},
						}),
					};
				};
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
			raced,
			"customer.subscription.deleted",
			change(customerId, "sub_a", "canceled"),
		);
		expect(retry.ok && retry.value.after?.id).toBe("free");
	});

	it("acknowledges an event for an unknown customer without touching any account", async () => {
		const result = await customer.applySubscription(
			evt(),
			"customer.subscription.created",
			change("cus_nobody", "sub_x", "active"),
		);
		expect(result.ok && result.value).toEqual({ duplicate: false, userId: null });
	});
});
