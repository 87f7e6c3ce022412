/**
 * POST /api/v1/webhooks/stripe — no session, no CSRF check (exempt in the CSRF middleware):
 * authenticated by Stripe's signature over the raw body, which is forwarded untouched to Billing.
 * Processed or duplicate → 200; bad signature → 400; a dependency down → 503 (Stripe retries).
 */
import type { Plan } from "@smartpages/contracts";
import type { Context } from "hono";
import { Hono } from "hono";
import { readLimited } from "../../http/body";
import { ApiError, unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import { forgetPlan } from "../../paywall";
import type { AppEnv } from "../../types";

// Stripe events are small; this bounds what an unauthenticated caller can make us read.
const WEBHOOK_LIMIT = 256 * 1024;

// Webhooks racing on one account: each lost race re-fetches the subscription and tries again.
const APPLY_ATTEMPTS = 3;

export const stripeWebhook = new Hono<AppEnv>().post("/webhooks/stripe", async (c) => {
	const raw = new TextDecoder().decode(await readLimited(c.req.raw, WEBHOOK_LIMIT));
	const signature = c.req.header("Stripe-Signature") ?? null;
	for (let attempt = 1; ; attempt++) {
		// Billing verifies the signature and fetches the subscription's current state from Stripe.
		const parsed = await c.env.BILLING.parseWebhook(raw, signature);
		if (!parsed.ok) {
			if (parsed.code === "validation_failed")
				throw new ApiError("validation_failed", "Invalid signature.");
			throw ApiError.from(parsed);
		}
		const event = parsed.value;
		const result = await c.env.CUSTOMER.applySubscription(event.eventId, event.type, event.change);
		if (!result.ok && result.code === "conflict") {
			if (attempt < APPLY_ATTEMPTS) continue;
			throw new ApiError("unavailable", "The plan is being changed; please retry.");
		}
		const applied = unwrap(result);
		if (!applied.duplicate && applied.userId) {
			await forgetPlan(c.env.SESSIONS, applied.userId);
			notify(c, applied, event.paymentFailed);
		}
		return c.json({ received: true, duplicate: applied.duplicate });
	}
});

function notify(
	c: Context<AppEnv>,
	applied: { email?: string; locale?: "de" | "en"; before?: Plan; after?: Plan },
	paymentFailed: boolean,
): void {
	const { email, locale, before, after } = applied;
	if (!email || !locale || !before || !after) return;
	if (paymentFailed) queueMail(c, "payment_failed", email, locale, {});
	if (before.id !== "pro" && after.id === "pro") {
		queueMail(c, "subscription_started", email, locale, { plan: "Pro" });
	} else if (before.id === "pro" && after.id !== "pro") {
		queueMail(c, "subscription_ended", email, locale, {});
	} else if (after.id === "pro" && after.cancelAtPeriodEnd && !before.cancelAtPeriodEnd) {
		const endsAt = after.currentPeriodEnd
			? new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
					dateStyle: "long",
					timeZone: "UTC",
				}).format(new Date(after.currentPeriodEnd))
			: "";
		queueMail(c, "subscription_ending", email, locale, { endsAt });
	}
}
