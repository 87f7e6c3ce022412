/**
 * POST /api/v1/webhooks/stripe — no session, no CSRF check (exempt in the CSRF middleware):
 * authenticated by Stripe's signature over the raw body, which is forwarded untouched to Billing.
 * Processed or duplicate → 200; bad signature → 400; a dependency down → 503 (Stripe retries).
 * Every refusal is logged once with its reason: Billing logs the signature's, this route an
 * oversized body (never the body or the secret; docs/operations.md "Stripe webhooks").
 */
import type { MailData, Plan, ResponseOf } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
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
	const raw = new TextDecoder().decode(await readWebhookBody(c));
	const signature = c.req.header("Stripe-Signature") ?? null;
	for (let attempt = 1; ; attempt++) {
		// Billing verifies the signature and fetches the subscription's current state from Stripe.
		const parsed = await c.env.BILLING.parseWebhook(c.var.rpc, raw, signature);
		if (!parsed.ok) {
			if (parsed.code === "validation_failed")
				throw new ApiError("validation_failed", "Invalid signature.");
			throw ApiError.from(parsed);
		}
		const event = parsed.value;
		const result = await c.env.CUSTOMER.applySubscription(
			c.var.rpc,
			event.eventId,
			event.type,
			event.change,
		);
		if (!result.ok && result.code === "conflict") {
			if (attempt < APPLY_ATTEMPTS) continue;
			throw new ApiError("unavailable", "The plan is being changed; please retry.");
		}
		const applied = unwrap(result);
		if (!applied.duplicate && applied.userId) {
			await forgetPlan(c.env.SESSIONS, applied.userId);
			await notify(c, { ...applied, interval: event.change?.interval }, event.paymentFailed);
			notifyPaymentAction(c, applied);
		}
		return c.json({
			received: true,
			duplicate: applied.duplicate,
		} satisfies ResponseOf<"POST /webhooks/stripe">);
	}
});

/** The raw body within the limit; an oversized one is refused (413) with its log line. */
async function readWebhookBody(c: Context<AppEnv>): Promise<Uint8Array> {
	try {
		return await readLimited(c.req.raw, WEBHOOK_LIMIT);
	} catch (error) {
		if (error instanceof ApiError && error.code === "payload_too_large") {
			writeLog("warn", "stripe webhook refused", {
				requestId: c.get("requestId"),
				reason: "body_too_large",
				limitBytes: WEBHOOK_LIMIT,
			});
		}
		throw error;
	}
}

/**
 * A renewal waiting for the customer's authentication (strong customer authentication): one mail
 * with Stripe's hosted invoice page per invoice (a retried or repeated event for the same invoice
 * finds it stored already and sends nothing).
 */
function notifyPaymentAction(
	c: Context<AppEnv>,
	applied: {
		email?: string;
		locale?: "de" | "en";
		paymentActionBefore?: string | null;
		paymentActionAfter?: { invoiceId: string; invoiceUrl: string } | null;
	},
): void {
	const { email, locale, paymentActionBefore, paymentActionAfter } = applied;
	if (!email || !locale || !paymentActionAfter) return;
	if (paymentActionAfter.invoiceId === paymentActionBefore) return;
	queueMail(c, "payment_action_required", email, locale, {
		invoiceUrl: paymentActionAfter.invoiceUrl,
	});
}

async function notify(
	c: Context<AppEnv>,
	applied: {
		email?: string;
		locale?: "de" | "en";
		before?: Plan;
		after?: Plan;
		interval?: "month" | "year";
	},
	paymentFailed: boolean,
): Promise<void> {
	const { email, locale, before, after } = applied;
	if (!email || !locale || !before || !after) return;
	if (paymentFailed) queueMail(c, "payment_failed", email, locale, {});
	if (before.id !== "pro" && after.id === "pro") {
		const billing = await welcomeBilling(c, locale, after, applied.interval);
		queueMail(
			c,
			"subscription_started",
			email,
			locale,
			billing ? { plan: "Pro", billing } : { plan: "Pro" },
		);
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

/**
 * What the Pro welcome mail says about the payment (issue 19): the price of the subscribed
 * interval from Stripe's Price objects (Billing caches them), formatted in the customer's locale,
 * and the next billing date (the period end). Without prices or a date the mail still goes out,
 * without the payment paragraph: the welcome must not wait on Stripe.
 */
async function welcomeBilling(
	c: Context<AppEnv>,
	locale: "de" | "en",
	after: Plan,
	interval: "month" | "year" | undefined,
): Promise<MailData<"subscription_started">["billing"]> {
	if (!interval || !after.currentPeriodEnd) return undefined;
	// The plan is applied already: a failing price look-up must not fail the webhook (a retry
	// would be a duplicate and send no welcome at all).
	const prices = await c.env.BILLING.getPrices(c.var.rpc).catch(() => null);
	if (!prices?.ok) return undefined;
	const price = prices.value[interval];
	const tag = locale === "de" ? "de-DE" : "en-GB";
	let amount: string;
	try {
		amount = new Intl.NumberFormat(tag, {
			style: "currency",
			currency: price.currency.toUpperCase(),
		}).format(price.amount / 100);
	} catch {
		amount = `${(price.amount / 100).toFixed(2)} ${price.currency.toUpperCase()}`;
	}
	const nextBillingDate = new Intl.DateTimeFormat(tag, {
		dateStyle: "long",
		timeZone: "UTC",
	}).format(new Date(after.currentPeriodEnd));
	return { amount, interval, taxInclusive: prices.value.taxInclusive, nextBillingDate };
}
