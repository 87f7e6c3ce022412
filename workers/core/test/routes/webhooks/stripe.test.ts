/**
 * POST /webhooks/stripe (src/routes/webhooks/stripe.ts) with Stripe as EU customers need it
 * (issue 15.5), through Core, the real Customer, Billing and Mailer workers and the Stripe and
 * Resend stand-ins: a renewal that needs the customer's authentication mails the hosted invoice
 * page once and shows it on GET /billing until the invoice is paid; an oversized webhook body is
 * refused and logged with its reason.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { inbox, mailTo } from "../../support/mail";
import { account, call, raw } from "../../support/request";
import { postWebhook, stripeDev, upgraded } from "../../support/stripe";

describe("happy", () => {
	describe("#15.5 renewals that need the customer's authentication", () => {
		it("#15.5 invoice.payment_action_required mails the hosted invoice page once and GET /billing shows it until invoice.paid", async () => {
			const owner = await account("free", {
				email: `eu-${crypto.randomUUID()}@example.com`,
				password: "eu billing passphrase",
				locale: "de",
			});
			const { email } = owner;
			const { subscription, deliver } = await upgraded(owner);
			expect((await call("GET /billing", { as: owner })).body.actionRequired).toBeNull();

			const { invoice } = await stripeDev<{ invoice: { id: string; hosted_invoice_url: string } }>(
				`/subscriptions/${subscription.id}/require-action`,
			);
			const events = await deliver();
			const billing = await call("GET /billing", { as: owner });
			expect(billing.body).toMatchObject({
				plan: { id: "pro", status: "past_due" },
				actionRequired: { invoiceUrl: invoice.hosted_invoice_url },
			});

			const mail = await mailTo(email, (m) => /SmartPages-Zahlung/.test(m.subject));
			expect(mail.subject).toBe("Bitte bestätigen Sie Ihre SmartPages-Zahlung");
			expect(mail.html).toContain(`href="${invoice.hosted_invoice_url}"`);
			expect(mail.text).toContain(invoice.hosted_invoice_url);

			// Stripe sends the event again (a retry, or another attempt on the same invoice): no
			// second mail, the link stays.
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
			expect((await call("GET /billing", { as: owner })).body).toMatchObject({
				plan: { id: "pro", status: "active" },
				actionRequired: null,
			});
		});
	});
});

describe("error", () => {
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
			const res = await raw("POST", "/webhooks/stripe", {
				headers: {
					Origin: null,
					"Content-Type": "application/json",
					"Stripe-Signature": "t=1,v1=00",
				},
				body,
			});
			expect(res.status).toBe(413);
			const refusals = lines.filter((l) => l.includes("stripe webhook refused"));
			expect(refusals).toHaveLength(1);
			expect(JSON.parse(refusals[0] ?? "{}")).toMatchObject({ reason: "body_too_large" });
			expect(lines.join("\n")).not.toContain("body_marker");
		});
	});
});
