/**
 * #15.4 through the Customer Worker's RPC: once an account's deletion has started, the plan
 * change that its own subscription cancellation causes (Stripe's `customer.subscription.deleted`
 * webhook, which can arrive before the account is gone) is stored but reported without a
 * recipient, so Core sends no "back on the free plan" mail beside the "account deleted" one.
 */
import { env, exports } from "cloudflare:workers";
import type { SubscriptionChange } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-deletion-notices" };

const customer = exports.CustomerService;
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";

async function proAccount() {
	const email = `deleting-${crypto.randomUUID()}@example.com`;
	const { user } = await customer.createUser(ctx, { email, passwordHash: HASH, locale: "en" });
	const customerId = `cus_${crypto.randomUUID().slice(0, 8)}`;
	await env.DB.prepare("UPDATE users SET stripe_customer_id = ? WHERE id = ?")
		.bind(customerId, user.id)
		.run();
	const started = await customer.applySubscription(ctx, evt(), "x", change(customerId, "active"));
	expect(started.ok && started.value.after?.id).toBe("pro");
	return { userId: user.id, email, customerId };
}

const change = (customerId: string, status: SubscriptionChange["status"]): SubscriptionChange => ({
	customerId,
	subscriptionId: `sub_${customerId}`,
	userId: null,
	plan: status === "canceled" ? "free" : "pro",
	status,
	interval: "month",
	currentPeriodEnd: "2026-12-25T00:00:00.000Z",
	cancelAtPeriodEnd: false,
});

const evt = () => `evt_${crypto.randomUUID()}`;

describe("#15.4 plan notices during account deletion", () => {
	it("#15.4 the cancellation's webhook between the start of a deletion and its end reports no recipient", async () => {
		const { userId, email, customerId } = await proAccount();
		const begun = await customer.beginAccountDeletion(ctx, userId);
		expect(begun.ok && begun.value.stripeCustomerIds).toEqual([customerId]);
		expect(begun.ok && begun.value.email).toBe(email);

		// Stripe cancelled the subscription; its webhook arrives before the account is deleted.
		const applied = await customer.applySubscription(
			ctx,
			evt(),
			"x",
			change(customerId, "canceled"),
		);
		expect(applied.ok).toBe(true);
		if (!applied.ok) return;
		expect(applied.value).toMatchObject({ duplicate: false, userId, deleting: true });
		expect(applied.value.after?.id).toBe("free");
		expect(applied.value.email).toBeUndefined();
		expect(applied.value.locale).toBeUndefined();

		const deleted = await customer.deleteAccount(ctx, userId);
		expect(deleted.ok && deleted.value.email).toBe(email);
		const late = await customer.applySubscription(ctx, evt(), "x", change(customerId, "canceled"));
		expect(late.ok && late.value.userId).toBeNull();
	});

	it("#15.4 an account whose deletion did not start still gets its plan notices' recipient", async () => {
		const { email, customerId } = await proAccount();
		const applied = await customer.applySubscription(
			ctx,
			evt(),
			"x",
			change(customerId, "canceled"),
		);
		expect(applied.ok && applied.value.email).toBe(email);
		expect(applied.ok && applied.value.deleting).toBeUndefined();
	});

	it("#15.4 a deletion that failed long ago (Stripe unreachable) silences nothing later", async () => {
		const { userId, email, customerId } = await proAccount();
		expect((await customer.beginAccountDeletion(ctx, userId)).ok).toBe(true);
		// The deletion answered 503 and the user kept the account; an hour later the plan changes.
		await env.DB.prepare("UPDATE users SET deletion_started_at = ? WHERE id = ?")
			.bind(new Date(Date.now() - 60 * 60 * 1000).toISOString(), userId)
			.run();
		const applied = await customer.applySubscription(
			ctx,
			evt(),
			"x",
			change(customerId, "canceled"),
		);
		expect(applied.ok && applied.value.email).toBe(email);
	});

	it("#15.4 beginning the deletion of an unknown account is not_found", async () => {
		const missing = await customer.beginAccountDeletion(ctx, "usr_missing");
		expect(missing.ok ? "ok" : missing.code).toBe("not_found");
	});
});
