/**
 * GET /api/v1/billing, POST /api/v1/billing/checkout and POST /api/v1/billing/portal — the plan,
 * invoices, and the Stripe-hosted pages to upgrade and to manage the subscription.
 */
import { checkoutBody, type Plan } from "@smartpages/contracts";
import { Hono } from "hono";
import { parseJson } from "../../http/body";
import { ApiError, unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export interface BillingResponse {
	plan: Plan;
	invoices: {
		id: string;
		number: string | null;
		amountDue: number;
		amountPaid: number;
		currency: string;
		status: string | null;
		createdAt: string;
		hostedInvoiceUrl: string | null;
	}[];
}

export interface RedirectResponse {
	url: string;
}

export const billing = new Hono<AppEnv>()
	.get("/billing", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const account = unwrap(await c.env.CUSTOMER.getBillingAccount(userId));
		const invoices = account.stripeCustomerId
			? unwrap(await c.env.BILLING.listInvoices(account.stripeCustomerId))
			: [];
		return c.json({ plan: account.plan, invoices } satisfies BillingResponse);
	})
	.post("/billing/checkout", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const { interval } = await parseJson(c, checkoutBody);
		const account = unwrap(await c.env.CUSTOMER.getBillingAccount(userId));
		if (account.plan.id === "pro" && account.plan.status !== "canceled") {
			throw new ApiError(
				"conflict",
				"You already have SmartPages Pro. Manage it in the billing portal.",
			);
		}
		const session = unwrap(
			await c.env.BILLING.createCheckout({
				userId,
				email: account.email,
				customerId: account.stripeCustomerId,
				interval,
			}),
		);
		if (!account.stripeCustomerId)
			await c.env.CUSTOMER.setStripeCustomer(userId, session.customerId);
		return c.json({ url: session.url } satisfies RedirectResponse);
	})
	.post("/billing/portal", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const account = unwrap(await c.env.CUSTOMER.getBillingAccount(userId));
		// A free account gets its Stripe customer on first visit, so the portal can open.
		const { customerId } = unwrap(
			await c.env.BILLING.ensureCustomer({
				userId,
				email: account.email,
				customerId: account.stripeCustomerId,
			}),
		);
		if (!account.stripeCustomerId) await c.env.CUSTOMER.setStripeCustomer(userId, customerId);
		const portal = unwrap(await c.env.BILLING.createPortal(customerId));
		return c.json({ url: portal.url } satisfies RedirectResponse);
	});
