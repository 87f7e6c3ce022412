/**
 * Billing Worker entry: the RPC surface Core calls for checkout, portal, invoices, webhook
 * verification and cancellation, as one-line delegations to ./operations.ts (what each does).
 * Every method takes the request context first and runs through `traced` (one log line per call,
 * with Core's request id). It stores nothing; plan state lives with the Customer Worker. There is
 * no HTTP surface: the default fetch handler answers 404.
 */

import { WorkerEntrypoint } from "cloudflare:workers";
import type { Invoice, Prices, Result } from "@smartpages/contracts";
import { tracer } from "@smartpages/contracts/observability";
import type { RpcContext } from "@smartpages/contracts/rpc-context";
import * as billing from "./operations";
import * as prices from "./prices";
import type { Env } from "./stripe-client";
import type { NormalisedEvent } from "./subscription";

/** Runs each method's body with the caller's request id and logs one line per call. */
const traced = tracer("billing");

export class BillingService extends WorkerEntrypoint<Env> {
	/** Liveness of this worker, used by Core's health check. */
	async ping(ctx: RpcContext): Promise<{ service: "billing"; ok: boolean }> {
		return traced(ctx, "ping", () => ({ service: "billing", ok: true }));
	}

	/** The account's Stripe customer, the same one for a double click (idempotency key). */
	async createCustomer(
		ctx: RpcContext,
		input: billing.CustomerInput,
	): Promise<Result<{ customerId: string }>> {
		return traced(ctx, "createCustomer", () => billing.createCustomer(this.env, input));
	}

	/** A Checkout Session for Pro, one per attempt (idempotency key). */
	async createCheckout(
		ctx: RpcContext,
		input: billing.CheckoutInput,
	): Promise<Result<{ url: string }>> {
		return traced(ctx, "createCheckout", () => billing.createCheckout(this.env, input));
	}

	/** A Checkout Session's owner and state, for the return page; `not_found` for no such session. */
	async getCheckout(ctx: RpcContext, sessionId: string): Promise<Result<billing.CheckoutState>> {
		return traced(ctx, "getCheckout", () => billing.getCheckout(this.env, sessionId));
	}

	async createPortal(ctx: RpcContext, customerId: string): Promise<Result<{ url: string }>> {
		return traced(ctx, "createPortal", () => billing.createPortal(this.env, customerId));
	}

	/** Pro's monthly and yearly prices from the configured Stripe Price objects (cached). */
	async getPrices(ctx: RpcContext): Promise<Result<Prices>> {
		return traced(ctx, "getPrices", () => prices.getPrices(this.env));
	}

	async listInvoices(ctx: RpcContext, customerId: string): Promise<Result<Invoice[]>> {
		return traced(ctx, "listInvoices", () => billing.listInvoices(this.env, customerId));
	}

	/** A webhook verified on its raw body and normalised; a bad signature is `validation_failed`. */
	async parseWebhook(
		ctx: RpcContext,
		rawBody: string,
		signature: string | null,
	): Promise<Result<NormalisedEvent>> {
		return traced(ctx, "parseWebhook", () => billing.parseWebhook(this.env, rawBody, signature));
	}

	/** Account deletion: expires open Checkouts, then cancels every subscription of every customer. */
	async cancelSubscriptions(
		ctx: RpcContext,
		customerIds: string[],
	): Promise<Result<{ cancelled: number; expired: number }>> {
		return traced(ctx, "cancelSubscriptions", () =>
			billing.cancelSubscriptions(this.env, customerIds),
		);
	}
}

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<Env>;
