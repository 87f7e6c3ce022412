/**
 * Stripe as EU customers need it (issue 15 item 5), through Core, the real Customer, Billing and
 * Mailer workers and the Stripe and Resend stand-ins: a renewal that needs the customer's
 * authentication mails the hosted invoice page once and shows it on GET /billing until the
 * invoice is paid; the Checkout return page confirms only the account's own session; an
 * oversized webhook body is logged with its reason.
 */
import { env, exports } from "cloudflare:workers";
import { stripeSignature } from "@smartpages/testing/stripe-signature";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type InboxMessage, waitForMail } from "../../../tools/stack/src/api-client.ts";
import { appClient } from "./support/app-client";

/** Billing's local webhook secret (workers/billing/wrangler.jsonc), shared with the stand-in. */
const WEBHOOK_SECRET = "whsec_local_development_only";
const stripeBase = () => `http://127.0.0.1:${env.TEST_CLOUD.stripe}`;
const mailBase = () => `http://127.0.0.1:${env.TEST_CLOUD.mail}`;

type Json = Record<string, unknown>;

async function account(locale: "de" | "en" = "en") {
	const call = appClient();
	const email = `eu-${crypto.randomUUID()}@example.com`;
	const signup = await call<{ user: { id: string } }>("POST", "/auth/signup", {
		email,
		password: "eu billing passphrase",
		locale,
	});
	await env.TEST_DB.prepare("UPDATE users SET email_verified_at = ? WHERE id = ?")
		.bind(new Date().toISOString(), signup.body.user.id)
		.run();
	return { call, email, userId: signup.body.user.id };
}

async function postWebhook(event: Json): Promise<Response> {
	const payload = JSON.stringify(event);
	return exports.default.fetch(
		new Request("https://api.test/api/v1/webhooks/stripe", {
			method: "POST",
			headers: {
				"Content-Type": "application/json",
				"Stripe-Signature": await stripeSignature(payload, WEBHOOK_SECRET),
			},
			body: payload,
		}),
	);
}

/** Delivers the customer's events the stand-in emitted since the last call, in order. */
function deliverer(customer: string) {
	let delivered = 0;
	return async () => {
		const res = await fetch(`${stripeBase()}/_dev/events?customer=${customer}`);
		const { events } = (await res.json()) as { events: Json[] };
		for (const event of events.slice(delivered)) {
			expect((await postWebhook(event)).status, String(event.type)).toBe(200);
		}
		delivered = events.length;
		return events;
	};
}

async function stripeDev<T = Json>(path: string): Promise<T> {
	const res = await fetch(`${stripeBase()}/_dev${path}`, { method: "POST" });
	return (await res.json()) as T;
}

/** Checkout through Core, paid on the stand-in; returns the session and its subscription. */
async function upgraded(call: ReturnType<typeof appClient>) {
	const checkout = await call<{ url: string }>("POST", "/billing/checkout", {
		plan: "pro",
		interval: "month",
	});
	expect(checkout.status).toBe(200);
	const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1] ?? "";
	const done = await stripeDev<{ subscription: { id: string; customer: string } }>(
		`/checkout/${sessionId}/complete`,
	);
	const deliver = deliverer(done.subscription.customer);
	await deliver();
	return { sessionId, subscription: done.subscription, deliver };
}

async function inbox(to: string): Promise<InboxMessage[]> {
	const res = await fetch(`${mailBase()}/api/messages?to=${encodeURIComponent(to)}`);
	return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

type Billing = {
	plan: { id: string; status: string };
	actionRequired: { invoiceUrl: string } | null;
};

describe("#15.5 renewals that need the customer's authentication", () => {
	it("#15.5 invoice.payment_action_required mails the hosted invoice page once and GET /billing shows it until invoice.paid", async () => {
		const { call, email } = await account("de");
		const { subscription, deliver } = await upgraded(call);
		expect((await call<Billing>("GET", "/billing")).body.actionRequired).toBeNull();

		const { invoice } = await stripeDev<{ invoice: { id: string; hosted_invoice_url: string } }>(
			`/subscriptions/${subscription.id}/require-action`,
		);
		const events = await deliver();
		const billing = await call<Billing>("GET", "/billing");
		expect(billing.body).toMatchObject({
			plan: { id: "pro", status: "past_due" },
			actionRequired: { invoiceUrl: invoice.hosted_invoice_url },
		});

		const mail = await waitForMail(mailBase(), email, (m) => /SmartPages-Zahlung/.test(m.subject));
		expect(mail.subject).toBe("Bitte bestätigen Sie Ihre SmartPages-Zahlung");
		expect(mail.html).toContain(`href="${invoice.hosted_invoice_url}"`);
		expect(mail.text).toContain(invoice.hosted_invoice_url);

		// Stripe sends the event again (a retry, or another attempt on the same invoice): no second
		// mail, the link stays.
		const required = events.filter((e) => e.type === "invoice.payment_action_required").at(-1);
		expect(required).toBeDefined();
		expect(
			(await postWebhook({ ...required, id: `evt_again_${crypto.randomUUID()}` })).status,
		).toBe(200);
		await new Promise((r) => setTimeout(r, 1500));
		expect((await inbox(email)).filter((m) => /SmartPages-Zahlung/.test(m.subject))).toHaveLength(
			1,
		);

		// Paid on the hosted page: invoice.paid clears the notice, Pro is active again.
		await stripeDev(`/invoices/${invoice.id}/pay`);
		await deliver();
		expect((await call<Billing>("GET", "/billing")).body).toMatchObject({
			plan: { id: "pro", status: "active" },
			actionRequired: null,
		});
	});
});

describe("#15.5 the Checkout return page confirms its own session", () => {
	it("#15.5 GET /billing/checkout/:sessionId answers the account's own session, 404 for another account's or a made-up id", async () => {
		const owner = await account();
		const { sessionId } = await upgraded(owner.call);
		const own = await owner.call<{ status: string; plan: { id: string } }>(
			"GET",
			`/billing/checkout/${sessionId}`,
		);
		expect(own.status).toBe(200);
		expect(own.body).toMatchObject({ status: "complete", plan: { id: "pro" } });

		// Another account, with a Stripe customer of its own (an open checkout), asks for it.
		const other = await account();
		const otherCheckout = await other.call<{ url: string }>("POST", "/billing/checkout", {
			plan: "pro",
			interval: "year",
		});
		const otherSession = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(otherCheckout.body.url)?.[1];
		const foreign = await other.call<{ error: { code: string } }>(
			"GET",
			`/billing/checkout/${sessionId}`,
		);
		expect(foreign.status).toBe(404);
		expect(foreign.body.error.code).toBe("not_found");
		const mine = await other.call<{ status: string }>("GET", `/billing/checkout/${otherSession}`);
		expect(mine.body.status).toBe("open");

		for (const id of ["cs_test_000000000000000000000000", "not-a-session", "cs_test_%2F..%2F"]) {
			const res = await owner.call<{ error: { code: string } }>("GET", `/billing/checkout/${id}`);
			expect(res.status, id).toBe(404);
		}
	});
});

describe("#15.5 webhook refusals are logged by reason", () => {
	afterEach(() => vi.restoreAllMocks());

	it("#15.5 an oversized webhook body is 413 with one 'body_too_large' log line, without the body", async () => {
		const lines: string[] = [];
		for (const level of ["log", "warn", "error"] as const) {
			vi.spyOn(console, level).mockImplementation((line: unknown) => {
				lines.push(String(line));
			});
		}
		const body = `{"id":"evt_big","pad":"${"body_marker".repeat(30_000)}"}`;
		const res = await exports.default.fetch(
			new Request("https://api.test/api/v1/webhooks/stripe", {
				method: "POST",
				headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=00" },
				body,
			}),
		);
		expect(res.status).toBe(413);
		const refusals = lines.filter((l) => l.includes("stripe webhook refused"));
		expect(refusals).toHaveLength(1);
		expect(JSON.parse(refusals[0] ?? "{}")).toMatchObject({ reason: "body_too_large" });
		expect(lines.join("\n")).not.toContain("body_marker");
	});
});
