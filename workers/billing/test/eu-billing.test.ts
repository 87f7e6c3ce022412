/**
 * Stripe as EU customers need it (issue 15 item 5), the Billing Worker against the Stripe
 * stand-in: renewals that need the customer's authentication, Checkout with Stripe Tax behind its
 * switch, a success URL that names the session, and webhook refusals logged by reason.
 */
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { stripeSignature } from "@smartpages/testing/stripe-signature";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BillingService } from "../src/index";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-eu-billing" };

const billing = exports.BillingService;

type Json = Record<string, unknown>;

async function stripeGet<T = Json>(path: string): Promise<T> {
	const res = await fetch(`${env.TEST_STRIPE}/v1${path}`, {
		headers: { Authorization: "Bearer sk_test_local" },
	});
	return (await res.json()) as T;
}

async function dev<T = Json>(path: string): Promise<T> {
	const res = await fetch(`${env.TEST_STRIPE}/_dev${path}`, { method: "POST" });
	return (await res.json()) as T;
}

/** Signed with the local endpoint secret unless told otherwise. */
const sign = (payload: string, secret = env.LOCAL_STRIPE_WEBHOOK_SECRET, age = 0) =>
	stripeSignature(payload, secret, age);

function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

const userId = () => `usr_${crypto.randomUUID().slice(0, 12)}`;
const sessionIdOf = (url: string) => /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(url)?.[1] ?? "";

/** A paying customer: customer, checkout, completed; returns the subscription. */
async function subscribed() {
	const owner = userId();
	const { customerId } = value(
		await billing.createCustomer(ctx, { userId: owner, email: `${owner}@example.com` }),
	);
	const checkout = value(
		await billing.createCheckout(ctx, {
			userId: owner,
			customerId,
			interval: "month",
			attempt: "r0",
		}),
	);
	const done = await dev<{ subscription: { id: string } }>(
		`/checkout/${sessionIdOf(checkout.url)}/complete`,
	);
	return { owner, customerId, subscriptionId: done.subscription.id, checkout };
}

/** The stand-in's last event of a type for a customer, as Stripe would deliver it. */
async function lastEvent(customerId: string, type: string): Promise<Json> {
	const res = await fetch(`${env.TEST_STRIPE}/_dev/events?customer=${customerId}`);
	const { events } = (await res.json()) as { events: Json[] };
	const event = events.filter((e) => e.type === type).at(-1);
	if (!event) throw new Error(`no ${type} event`);
	return event;
}

async function parse(event: Json) {
	const payload = JSON.stringify(event);
	return value(await billing.parseWebhook(ctx, payload, await sign(payload)));
}

describe("#15.5 renewals that need the customer's authentication", () => {
	it("#15.5 invoice.payment_action_required carries the hosted invoice page; invoice.paid of that invoice clears it", async () => {
		const { customerId, subscriptionId } = await subscribed();
		const { invoice } = await dev<{ invoice: { id: string; hosted_invoice_url: string } }>(
			`/subscriptions/${subscriptionId}/require-action`,
		);
		const required = await parse(await lastEvent(customerId, "invoice.payment_action_required"));
		expect(required.change).toMatchObject({
			subscriptionId,
			plan: "pro",
			status: "past_due",
			paymentAction: { invoiceId: invoice.id, invoiceUrl: invoice.hosted_invoice_url },
		});
		expect(invoice.hosted_invoice_url).toMatch(/^http:\/\/localhost:\d+\/invoices\/in_/);

		await dev(`/invoices/${invoice.id}/pay`);
		const paid = await parse(await lastEvent(customerId, "invoice.paid"));
		expect(paid.change).toMatchObject({
			status: "active",
			paymentAction: { invoiceId: invoice.id, invoiceUrl: null },
		});
		// A late retry of the first event reads the invoice again: paid now, nothing to confirm.
		const late = await parse(await lastEvent(customerId, "invoice.payment_action_required"));
		expect(late.change?.paymentAction).toEqual({ invoiceId: invoice.id, invoiceUrl: null });
	});
});

describe("#15.5 Checkout for EU customers", () => {
	it("#15.5 the success URL names the session: Stripe's {CHECKOUT_SESSION_ID} is filled in on the way back", async () => {
		const owner = userId();
		const { customerId } = value(
			await billing.createCustomer(ctx, { userId: owner, email: `${owner}@example.com` }),
		);
		const { url } = value(
			await billing.createCheckout(ctx, {
				userId: owner,
				customerId,
				interval: "year",
				attempt: "r0",
			}),
		);
		const id = sessionIdOf(url);
		const session = await stripeGet<{ success_url: string }>(`/checkout/sessions/${id}`);
		expect(session.success_url).toBe(
			`${env.APP_ORIGIN}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
		);
		expect(value(await billing.getCheckout(ctx, id))).toEqual({ customerId, status: "open" });
		const paid = await fetch(url, {
			method: "POST",
			body: new URLSearchParams({ card: "4242 4242 4242 4242" }),
			redirect: "manual",
		});
		expect(paid.headers.get("Location")).toBe(
			`${env.APP_ORIGIN}/billing?checkout=success&session_id=${id}`,
		);
		expect(value(await billing.getCheckout(ctx, id))).toEqual({ customerId, status: "complete" });
		const unknown = await billing.getCheckout(ctx, "cs_test_000000000000000000000000");
		expect(unknown).toMatchObject({ ok: false, code: "not_found" });
	});

	it("#15.5 STRIPE_AUTOMATIC_TAX=on sends automatic tax and tax-id collection with the customer updates Stripe requires; off sends neither", async () => {
		const owner = userId();
		const { customerId } = value(
			await billing.createCustomer(ctx, { userId: owner, email: `${owner}@example.com` }),
		);
		const input = { userId: owner, customerId, interval: "month" as const, attempt: "r0" };
		type Session = {
			automatic_tax: { enabled: boolean };
			tax_id_collection: { enabled: boolean };
			customer_update: Json | null;
			billing_address_collection: string | null;
		};
		const off = sessionIdOf(value(await billing.createCheckout(ctx, input)).url);
		expect(await stripeGet<Session>(`/checkout/sessions/${off}`)).toMatchObject({
			automatic_tax: { enabled: false },
			tax_id_collection: { enabled: false },
			customer_update: null,
		});

		const taxed = new BillingService(createExecutionContext(), {
			...env,
			STRIPE_AUTOMATIC_TAX: "on",
		});
		// The same attempt with tax on is another request, so it gets its own session (key).
		const on = sessionIdOf(value(await taxed.createCheckout(ctx, input)).url);
		expect(on).not.toBe(off);
		expect(await stripeGet<Session>(`/checkout/sessions/${on}`)).toMatchObject({
			automatic_tax: { enabled: true },
			tax_id_collection: { enabled: true },
			customer_update: { address: "auto", name: "auto" },
			billing_address_collection: "required",
		});
	});
});

describe("#15.5 webhook refusals are logged by reason", () => {
	afterEach(() => vi.restoreAllMocks());

	it("#15.5 one log line per refusal names its reason (a rotated secret is 'no signature matched'), never the secret or the body", async () => {
		const lines: string[] = [];
		for (const level of ["log", "warn", "error"] as const) {
			vi.spyOn(console, level).mockImplementation((line: unknown) => {
				lines.push(String(line));
			});
		}
		const body = JSON.stringify({ id: "evt_secret_body_marker", type: "invoice.paid" });
		const cases: [string | null, string, string][] = [
			[null, "missing_header", body],
			["garbage", "malformed_header", body],
			["t=abc,v1=00", "malformed_header", body],
			[await sign(body, "whsec_rotated_old_secret"), "no_signature_matched", body],
			[
				await sign(body, env.LOCAL_STRIPE_WEBHOOK_SECRET, 3600),
				"timestamp_outside_tolerance",
				body,
			],
			[await sign("not json"), "invalid_payload", "not json"],
		];
		for (const [header, reason, payload] of cases) {
			lines.length = 0;
			const result = await billing.parseWebhook(ctx, payload, header);
			expect(result).toMatchObject({ ok: false, code: "validation_failed" });
			const refusals = lines.filter((l) => l.includes("stripe webhook refused"));
			expect(refusals, reason).toHaveLength(1);
			expect(JSON.parse(refusals[0] ?? "{}")).toMatchObject({ level: "warn", reason });
			const all = lines.join("\n");
			expect(all).not.toContain(env.LOCAL_STRIPE_WEBHOOK_SECRET);
			expect(all).not.toContain("whsec_");
			expect(all).not.toContain("secret_body_marker");
			expect(all).not.toContain("not json");
			if (header?.includes("v1=")) expect(all).not.toContain(header.split("v1=")[1]);
		}
	});
});
