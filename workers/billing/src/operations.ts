/**
 * What each RPC method of the Billing Worker does with Stripe, one function per method (the entry,
 * ./index.ts, only wires them). A failed Stripe call is logged and answered as `unavailable`;
 * every create carries an idempotency key from our own ids (./keys.ts).
 */
import { fail, type Invoice, ok, type Result } from "@smartpages/contracts";
import { logEvent } from "@smartpages/contracts/observability";
import Stripe from "stripe";
import { checkoutKey, customerKey } from "./keys";
import { cryptoProvider, type Env, stripeFor } from "./stripe-client";
import { type NormalisedEvent, normalise } from "./subscription";
import { logVerificationFailure } from "./webhook-signature";

/** A Checkout Session as the return page confirms it: whose it is, and whether it was paid. */
export interface CheckoutState {
	customerId: string | null;
	status: "open" | "complete" | "expired";
}

/** The account a Stripe customer is created for. */
export interface CustomerInput {
	userId: string;
	email: string;
}

/** A Checkout for Pro: whose, on which customer, billed how often, and which attempt. */
export interface CheckoutInput {
	userId: string;
	customerId: string;
	interval: "month" | "year";
	/** Changes whenever the account's plan changed (its plan revision). */
	attempt: string;
}

const UNAVAILABLE = "Payments are not reachable right now. Please try again in a moment.";

// A keyed create is safe to retry, and Stripe answers 409 to a request whose key is still being
// processed by its twin (the double click): a retry then gets the saved answer.
const KEYED_RETRIES = 2;

/**
 * Creates the account's Stripe customer. The idempotency key is derived from our user id and
 * the address sent, so a double click or a second tab gets the very same customer back from
 * Stripe; Core then stores it with a compare-and-set (a later attempt, after the key expired,
 * can only lose to the stored one).
 */
export async function createCustomer(
	env: Env,
	input: CustomerInput,
): Promise<Result<{ customerId: string }>> {
	try {
		const { stripe } = stripeFor(env);
		const customer = await stripe.customers.create(
			{ email: input.email, metadata: { userId: input.userId } },
			{
				idempotencyKey: await customerKey(input.userId, input.email),
				maxNetworkRetries: KEYED_RETRIES,
			},
		);
		return ok({ customerId: customer.id });
	} catch (error) {
		return unavailable("customer", error);
	}
}

/**
 * A Checkout Session for Pro on the account's customer. Our user id goes into the
 * subscription's metadata (only our server can set it), which is how webhooks find the account.
 * Concurrent requests for the same attempt get the same session (idempotency key); see
 * `checkoutKey` for what makes an attempt.
 *
 * Only the latest attempt of a customer can be paid: before a session is made, the customer's open
 * sessions of other attempts are expired, so a monthly checkout left open in one tab and a yearly
 * one in another never both become subscriptions. The attempt's key is kept in the session's
 * metadata to tell them apart. When the key replays a session that was expired that way
 * (monthly, yearly, monthly again within the key's window), the attempt goes on under a key
 * derived from the expired session, so concurrent requests of one attempt still share a session.
 */
export async function createCheckout(
	env: Env,
	input: CheckoutInput,
): Promise<Result<{ url: string }>> {
	try {
		const { stripe } = stripeFor(env);
		const price =
			input.interval === "year" ? env.STRIPE_PRICE_PRO_YEAR : env.STRIPE_PRICE_PRO_MONTH;
		const tax = automaticTax(env);
		const key = checkoutKey({ ...input, tax }, Date.now());
		const create = (attempt: string) =>
			stripe.checkout.sessions.create(
				{
					mode: "subscription",
					customer: input.customerId,
					client_reference_id: input.userId,
					line_items: [{ price, quantity: 1 }],
					subscription_data: { metadata: { userId: input.userId } },
					metadata: { attempt },
					// Stripe fills in the session's id: the return page confirms exactly this session.
					success_url: `${env.APP_ORIGIN}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
					cancel_url: `${env.APP_ORIGIN}/billing?checkout=cancelled`,
					...(tax ? TAX_PARAMS : {}),
				},
				{ idempotencyKey: attempt, maxNetworkRetries: KEYED_RETRIES },
			);
		const ours = (s: Stripe.Checkout.Session) => s.metadata?.attempt?.startsWith(key) === true;
		await expireCheckouts(
			stripe,
			(await openCheckouts(stripe, input.customerId)).filter((s) => !ours(s)),
		);
		let session = await create(key);
		// A replayed answer shows the session as it was created; whether it is still open, only the
		// list of open sessions says.
		const open = await openCheckouts(stripe, input.customerId);
		if (!open.some((s) => s.id === session.id))
			session = await create(`${key}:after:${session.id}`);
		if (!session.url) return fail("unavailable", UNAVAILABLE);
		return ok({ url: session.url });
	} catch (error) {
		return unavailable("checkout", error);
	}
}

async function openCheckouts(stripe: Stripe, customer: string): Promise<Stripe.Checkout.Session[]> {
	const open: Stripe.Checkout.Session[] = [];
	for await (const session of stripe.checkout.sessions.list({
		customer,
		status: "open",
		limit: 100,
	}))
		open.push(session);
	return open;
}

async function expireCheckouts(stripe: Stripe, sessions: Stripe.Checkout.Session[]): Promise<void> {
	for (const session of sessions) {
		try {
			await stripe.checkout.sessions.expire(session.id);
		} catch (error) {
			// Completed or expired in the meantime: nothing left to expire.
			if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
		}
	}
}

/**
 * A Checkout Session's owner (its customer) and state, for the return page. Stripe's 404 (no
 * such session, e.g. a made-up id) is `not_found`.
 */
export async function getCheckout(env: Env, sessionId: string): Promise<Result<CheckoutState>> {
	try {
		const { stripe } = stripeFor(env);
		const session = await stripe.checkout.sessions.retrieve(sessionId);
		return ok({
			customerId:
				typeof session.customer === "string" ? session.customer : (session.customer?.id ?? null),
			status: checkoutStatus(session.status),
		});
	} catch (error) {
		if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)
			return fail("not_found", "No such checkout session.");
		return unavailable("checkout-status", error);
	}
}

export async function createPortal(env: Env, customerId: string): Promise<Result<{ url: string }>> {
	try {
		const { stripe } = stripeFor(env);
		const session = await stripe.billingPortal.sessions.create({
			customer: customerId,
			return_url: `${env.APP_ORIGIN}/billing`,
		});
		return ok({ url: session.url });
	} catch (error) {
		return unavailable("portal", error);
	}
}

export async function listInvoices(env: Env, customerId: string): Promise<Result<Invoice[]>> {
	try {
		const { stripe } = stripeFor(env);
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
		return unavailable("invoices", error);
	}
}

/**
 * Verifies a webhook's signature on the raw body and normalises the event. A bad, stale or
 * missing signature is `validation_failed`, logged once with its reason (webhook-signature.ts);
 * a Stripe outage while fetching state `unavailable` (Core answers 503, Stripe retries).
 */
export async function parseWebhook(
	env: Env,
	rawBody: string,
	signature: string | null,
): Promise<Result<NormalisedEvent>> {
	const { stripe, webhookSecret } = stripeFor(env);
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
	} catch (error) {
		logVerificationFailure(signature, error);
		return fail("validation_failed", "The webhook signature is invalid.");
	}
	try {
		return ok(await normalise(stripe, event));
	} catch (error) {
		return unavailable("webhook", error);
	}
}

/**
 * Account deletion: for every customer the account ever had, first expires the open Checkout
 * Sessions (none can be paid afterwards), then cancels every live subscription at once.
 */
export async function cancelSubscriptions(
	env: Env,
	customerIds: string[],
): Promise<Result<{ cancelled: number; expired: number }>> {
	try {
		const { stripe } = stripeFor(env);
		let cancelled = 0;
		let expired = 0;
		for (const customer of customerIds) {
			for await (const session of stripe.checkout.sessions.list({
				customer,
				status: "open",
				limit: 100,
			})) {
				try {
					await stripe.checkout.sessions.expire(session.id);
					expired += 1;
				} catch (error) {
					// Completed in the meantime: its subscription is cancelled below.
					if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
				}
			}
			for await (const sub of stripe.subscriptions.list({
				customer,
				status: "all",
				limit: 100,
			})) {
				if (sub.status === "canceled" || sub.status === "incomplete_expired") continue;
				await stripe.subscriptions.cancel(sub.id);
				cancelled += 1;
			}
		}
		return ok({ cancelled, expired });
	} catch (error) {
		return unavailable("cancel", error);
	}
}

/** Stripe's session states, any state it adds later counting as still open (not paid). */
function checkoutStatus(status: string | null): CheckoutState["status"] {
	return status === "complete" ? "complete" : status === "expired" ? "expired" : "open";
}

/**
 * Stripe Tax (`STRIPE_AUTOMATIC_TAX = "on"`): only once the account is set up for it in Stripe
 * (origin address, registrations, product tax code; docs/deploy.md), since Checkout refuses
 * automatic tax otherwise. Any other value is off.
 */
function automaticTax(env: Env): boolean {
	return env.STRIPE_AUTOMATIC_TAX === "on";
}

/**
 * Checkout with Stripe Tax and tax-id collection. The customer exists already (we create it), so
 * Stripe requires that the address and the business name entered in Checkout be saved to it:
 * the address is what Stripe Tax computes VAT from (and renewals use), the name goes with the tax
 * id on invoices.
 */
const TAX_PARAMS = {
	automatic_tax: { enabled: true },
	tax_id_collection: { enabled: true },
	billing_address_collection: "required",
	customer_update: { address: "auto", name: "auto" },
} satisfies Partial<Stripe.Checkout.SessionCreateParams>;

/** A failed Stripe call, logged and answered as `unavailable`. */
function unavailable(operation: string, error: unknown) {
	logEvent("error", "stripe call failed", { operation, error: String(error) });
	return fail("unavailable", UNAVAILABLE);
}
