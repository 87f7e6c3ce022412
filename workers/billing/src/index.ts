/**
 * Billing Worker entry: the RPC surface Core calls for checkout, portal, invoices, webhook
 * verification and cancellation. It stores nothing; plan state lives with the Customer Worker.
 * There is no HTTP surface: the default fetch handler answers 404.
 */

import { WorkerEntrypoint } from "cloudflare:workers";
import { fail, ok, type Result } from "@smartpages/contracts";
import { logEvent, traceEntrypoint } from "@smartpages/contracts/observability";
import type Stripe from "stripe";
import { cryptoProvider, type Env, stripeFor } from "./stripe-client";
import { type NormalisedEvent, normalise } from "./subscription";

export interface Invoice {
	id: string;
	number: string | null;
	amountDue: number;
	amountPaid: number;
	currency: string;
	status: string | null;
	createdAt: string;
	hostedInvoiceUrl: string | null;
}

const UNAVAILABLE = "Payments are not reachable right now. Please try again in a moment.";

export class BillingService extends WorkerEntrypoint<Env> {
	/** Liveness of this worker, used by Core's health check. */
	async ping(): Promise<{ service: "billing"; ok: boolean }> {
		return { service: "billing", ok: true };
	}

	/** The account's Stripe customer, created on first use (one per account). */
	async ensureCustomer(input: {
		userId: string;
		email: string;
		customerId: string | null;
	}): Promise<Result<{ customerId: string }>> {
		if (input.customerId) return ok({ customerId: input.customerId });
		try {
			const { stripe } = stripeFor(this.env);
			const customer = await stripe.customers.create({
				email: input.email,
				metadata: { userId: input.userId },
			});
			return ok({ customerId: customer.id });
		} catch (error) {
			return this.unavailable("customer", error);
		}
	}

	/** A Checkout Session for Pro; creates the Stripe customer on first use. */
	async createCheckout(input: {
		userId: string;
		email: string;
		customerId: string | null;
		interval: "month" | "year";
	}): Promise<Result<{ url: string; customerId: string }>> {
		try {
			const { stripe } = stripeFor(this.env);
			const customerId =
				input.customerId ??
				(await stripe.customers.create({ email: input.email, metadata: { userId: input.userId } }))
					.id;
			const price =
				input.interval === "year"
					? this.env.STRIPE_PRICE_PRO_YEAR
					: this.env.STRIPE_PRICE_PRO_MONTH;
			const session = await stripe.checkout.sessions.create({
				mode: "subscription",
				customer: customerId,
				client_reference_id: input.userId,
				line_items: [{ price, quantity: 1 }],
				subscription_data: { metadata: { userId: input.userId } },
				success_url: `${this.env.APP_ORIGIN}/billing?checkout=success`,
				cancel_url: `${this.env.APP_ORIGIN}/billing?checkout=cancelled`,
			});
			if (!session.url) return fail("unavailable", UNAVAILABLE);
			return ok({ url: session.url, customerId });
		} catch (error) {
			return this.unavailable("checkout", error);
		}
	}

	async createPortal(customerId: string): Promise<Result<{ url: string }>> {
		try {
			const { stripe } = stripeFor(this.env);
			const session = await stripe.billingPortal.sessions.create({
				customer: customerId,
				return_url: `${this.env.APP_ORIGIN}/billing`,
			});
			return ok({ url: session.url });
		} catch (error) {
			return this.unavailable("portal", error);
		}
	}

	async listInvoices(customerId: string): Promise<Result<Invoice[]>> {
		try {
			const { stripe } = stripeFor(this.env);
			const list = await stripe.invoices.list({ customer: customerId, limit: 24 });
			return ok(
				list.data.map((i) => ({
					id: i.id ?? "",
					number: i.number,
					amountDue: i.amount_due,
					amountPaid: i.amount_paid,
					currency: i.currency,
					status: i.status,
					createdAt: new Date(i.created * 1000).toISOString(),
					hostedInvoiceUrl: i.hosted_invoice_url ?? null,
				})),
			);
		} catch (error) {
			return this.unavailable("invoices", error);
		}
	}

	/**
	 * Verifies a webhook's signature on the raw body and normalises the event. A bad, stale or
	 * missing signature is `validation_failed`; a Stripe outage while fetching state `unavailable`
	 * (Core answers 503, Stripe retries).
	 */
	async parseWebhook(rawBody: string, signature: string | null): Promise<Result<NormalisedEvent>> {
		const { stripe, webhookSecret } = stripeFor(this.env);
		let event: Stripe.Event;
		try {
			if (!signature) throw new Error("missing signature");
			event = await stripe.webhooks.constructEventAsync(
				rawBody,
				signature,
				webhookSecret,
				300,
				cryptoProvider,
			);
		} catch {
			return fail("validation_failed", "The webhook signature is invalid.");
		}
		try {
			return ok(await normalise(stripe, event));
		} catch (error) {
			return this.unavailable("webhook", error);
		}
	}

	/** Cancels every live subscription of a customer at once (account deletion). */
	async cancelSubscriptions(customerId: string): Promise<Result<{ cancelled: number }>> {
		try {
			const { stripe } = stripeFor(this.env);
			const subs = await stripe.subscriptions.list({
				customer: customerId,
				status: "all",
				limit: 20,
			});
			const live = subs.data.filter(
				(s) => s.status !== "canceled" && s.status !== "incomplete_expired",
			);
			for (const sub of live) await stripe.subscriptions.cancel(sub.id);
			return ok({ cancelled: live.length });
		} catch (error) {
			return this.unavailable("cancel", error);
		}
	}

	private unavailable(operation: string, error: unknown) {
		logEvent("error", "stripe call failed", { operation, error: String(error) });
		return fail("unavailable", UNAVAILABLE);
	}
}

// One log line per call from Core, with its request id (architecture: observability).
traceEntrypoint(BillingService, "billing");

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<Env>;
