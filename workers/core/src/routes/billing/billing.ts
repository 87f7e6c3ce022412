/**
 * GET /api/v1/billing, POST /api/v1/billing/checkout and POST /api/v1/billing/portal — the plan,
 * invoices, and the Stripe-hosted pages to upgrade and to manage the subscription.
 * GET /api/v1/billing/checkout/:sessionId — the return page's confirmation of its own session.
 * GET /api/v1/billing/prices — Pro's prices from Stripe (issue 19), public: no session needed.
 */
import { checkoutBody, checkoutSessionId, type ResponseOf, type User } from "@smartpages/contracts";
import type { Context } from "hono";
import { Hono } from "hono";
import { limitWrites } from "../../auth/rate-limit";
import { parseJson } from "../../http/body";
import { ApiError, unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const billing = new Hono<AppEnv>()
	.get("/billing/prices", async (c) => {
		const prices = unwrap(await c.env.BILLING.getPrices(c.var.rpc));
		return c.json(prices satisfies ResponseOf<"GET /billing/prices">);
	})
	.get("/billing", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const account = unwrap(await c.env.CUSTOMER.getBillingAccount(c.var.rpc, userId));
		const invoices = account.stripeCustomerId
			? unwrap(await c.env.BILLING.listInvoices(c.var.rpc, account.stripeCustomerId))
			: [];
		const actionRequired = account.paymentAction
			? { invoiceUrl: account.paymentAction.invoiceUrl }
			: null;
		return c.json({
			plan: account.plan,
			invoices,
			actionRequired,
		} satisfies ResponseOf<"GET /billing">);
	})
	.get("/billing/checkout/:sessionId", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const sessionId = c.req.param("sessionId");
		const notFound = new ApiError("not_found", "No such checkout session.");
		// Not a Checkout Session id at all: nothing to look up at Stripe.
		if (!checkoutSessionId.safeParse(sessionId).success) throw notFound;
		const account = unwrap(await c.env.CUSTOMER.getBillingAccount(c.var.rpc, userId));
		if (account.stripeCustomerIds.length === 0) throw notFound;
		const session = unwrap(await c.env.BILLING.getCheckout(c.var.rpc, sessionId));
		// Another account's session is as unknown as a made-up one (nothing about it is revealed).
		if (!session.customerId || !account.stripeCustomerIds.includes(session.customerId))
			throw notFound;
		return c.json({
			status: session.status,
			plan: account.plan,
		} satisfies ResponseOf<"GET /billing/checkout/:sessionId">);
	})
	.post("/billing/checkout", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const { interval } = await parseJson(c, checkoutBody);
		await limitWrites(c, "billing");
		const account = unwrap(await c.env.CUSTOMER.getBillingAccount(c.var.rpc, userId));
		requireConfirmed(account, "Please confirm your e-mail address before upgrading.");
		if (account.plan.id === "pro" && account.plan.status !== "canceled") {
			throw new ApiError(
				"conflict",
				"You already have SmartPages Pro. Manage it in the billing portal.",
			);
		}
		const customerId = await customerOf(c, userId, account);
		const session = unwrap(
			await c.env.BILLING.createCheckout(c.var.rpc, {
				userId,
				customerId,
				interval,
				attempt: `r${account.planRevision}`,
			}),
		);
		return c.json({ url: session.url } satisfies ResponseOf<"POST /billing/checkout">);
	})
	.post("/billing/portal", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const account = unwrap(await c.env.CUSTOMER.getBillingAccount(c.var.rpc, userId));
		requireConfirmed(account, "Please confirm your e-mail address before managing billing.");
		await limitWrites(c, "billing");
		// A free account gets its Stripe customer on first visit, so the portal can open.
		const customerId = await customerOf(c, userId, account);
		const portal = unwrap(await c.env.BILLING.createPortal(c.var.rpc, customerId));
		return c.json({ url: portal.url } satisfies ResponseOf<"POST /billing/portal">);
	});

/**
 * A Stripe customer (checkout or portal) only for a confirmed address: never for an unconfirmed,
 * maybe foreign one (review SP-22).
 */
function requireConfirmed(account: Pick<User, "emailVerified">, message: string): void {
	if (!account.emailVerified) throw new ApiError("email_not_verified", message);
}

/**
 * The account's one Stripe customer, created on first use. Two requests at once (a double
 * click, two tabs) get the same customer from Stripe (idempotency key from our user id), and
 * D1 keeps the first one stored (compare-and-set): whoever loses uses the winner's.
 */
async function customerOf(
	c: Context<AppEnv>,
	userId: string,
	account: { email: string; stripeCustomerId: string | null },
): Promise<string> {
	if (account.stripeCustomerId) return account.stripeCustomerId;
	const created = unwrap(
		await c.env.BILLING.createCustomer(c.var.rpc, { userId, email: account.email }),
	);
	return unwrap(await c.env.CUSTOMER.setStripeCustomer(c.var.rpc, userId, created.customerId))
		.customerId;
}
