/**
 * Every template in both languages: renders, links only to the configured app origin, escapes
 * hostile values, and has a plain-text part.
 */
import { LOCALES, MAIL_TEMPLATES, type MailData, type MailTemplate } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { renderMail } from "../src/templates";

const ORIGIN = "https://app.smartpages.example";
const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`;
const TOKEN = "T".repeat(43);
/** Stripe's hosted invoice page: the one link a mail may carry away from the app (#15.5). */
const INVOICE_URL = "https://invoice.stripe.com/i/acct_1Test/test_YWNjdF8xVGVzdA";

const DATA: { [T in MailTemplate]: MailData<T> } = {
	verify_email: { token: TOKEN },
	welcome: {},
	password_reset: { token: TOKEN },
	password_changed: {},
	email_change_confirm: { token: TOKEN, newEmail: HOSTILE },
	email_change_notice: { newEmail: HOSTILE },
	signup_attempt: {},
	subscription_started: {
		plan: HOSTILE,
		billing: { amount: HOSTILE, interval: "year", taxInclusive: true, nextBillingDate: HOSTILE },
	},
	payment_failed: {},
	payment_action_required: { invoiceUrl: INVOICE_URL },
	subscription_ending: { endsAt: HOSTILE },
	subscription_ended: {},
	domain_active: { hostname: HOSTILE },
	domain_failed: { hostname: HOSTILE, reason: HOSTILE },
	account_deleted: {},
	passkey_added: { name: HOSTILE.slice(0, 64) },
	two_factor_enabled: {},
	two_factor_disabled: {},
	recovery_code_used: { remaining: 3 },
};

const templates = Object.keys(MAIL_TEMPLATES) as MailTemplate[];
const cases = templates.flatMap((t) => LOCALES.map((l) => [t, l] as const));

describe("mail templates", () => {
	it.each(cases)(
		"%s (%s) renders HTML and text, links to the app origin, escapes values",
		(template, locale) => {
			const mail = renderMail(template, locale, DATA[template], ORIGIN);
			expect(mail.subject.length).toBeGreaterThan(3);
			expect(mail.html).toMatch(new RegExp(`^<!doctype html><html lang="${locale}">`));
			expect(mail.text.length).toBeGreaterThan(20);
			// Links go to the app origin only; the invoice page is the one exception, and only in its
			// own template (the contract admits nothing but Stripe's invoice host there).
			const allowed = (url: string) =>
				url.startsWith(`${ORIGIN}/`) ||
				(template === "payment_action_required" && url === INVOICE_URL);
			for (const href of mail.html.matchAll(/href="([^"]+)"/g))
				expect(allowed(href[1] ?? "")).toBe(true);
			for (const url of mail.text.matchAll(/https?:\/\/\S+/g)) expect(allowed(url[0])).toBe(true);
			expect(mail.html).not.toContain("<script>");
			expect(mail.html).not.toContain("<img src=x");
			if ("token" in DATA[template]) {
				expect(mail.html).toContain(`#token=${TOKEN}`);
				expect(mail.text).toContain(`#token=${TOKEN}`);
			}
			expect(mail.html).toContain("prefers-color-scheme: dark");
		},
	);

	it("writes German in the Sie-form with real umlauts", () => {
		const mail = renderMail("password_reset", "de", { token: TOKEN }, ORIGIN);
		expect(mail.subject).toBe("Ihr SmartPages-Passwort zurücksetzen");
		expect(mail.text).toContain("Ihr Passwort");
		expect(mail.text).not.toMatch(/\b(du|dein|deine)\b/i);
		expect(mail.text).toMatch(/[äöüß]/);
		expect(mail.text).not.toMatch(/zurueck|fuer|koennen|ueber|geaendert|bestaetig|loesch/i);
	});
});

const REALISTIC: { [T in MailTemplate]: MailData<T> } = {
	...DATA,
	email_change_confirm: { token: TOKEN, newEmail: "anna@example.com" },
	email_change_notice: { newEmail: "anna@example.com" },
	subscription_started: {
		plan: "Pro",
		billing: {
			amount: "9,00 €",
			interval: "month",
			taxInclusive: true,
			nextBillingDate: "3. Januar 2027",
		},
	},
	subscription_ending: { endsAt: "31.12.2026" },
	domain_active: { hostname: "links.anna.example" },
	domain_failed: { hostname: "links.anna.example", reason: "the TXT record was not found" },
};

describe("template texts (snapshot, reviewed in code review)", () => {
	it.each(cases)("%s (%s)", (template, locale) => {
		const mail = renderMail(template, locale, REALISTIC[template], ORIGIN);
		expect({ subject: mail.subject, text: mail.text }).toMatchSnapshot();
	});
});

describe("#15.5 the payment confirmation mail", () => {
	it("#15.5 links to Stripe's hosted invoice page and the plan page; the contract refuses any other link", () => {
		for (const locale of LOCALES) {
			const mail = renderMail(
				"payment_action_required",
				locale,
				{ invoiceUrl: INVOICE_URL },
				ORIGIN,
			);
			expect(mail.html).toContain(`href="${INVOICE_URL}"`);
			expect(mail.text).toContain(INVOICE_URL);
			expect(mail.text).toContain(`${ORIGIN}/billing`);
		}
		const schema = MAIL_TEMPLATES.payment_action_required;
		expect(schema.safeParse({ invoiceUrl: INVOICE_URL }).success).toBe(true);
		expect(schema.safeParse({ invoiceUrl: "http://localhost:12111/invoices/1" }).success).toBe(
			true,
		);
		for (const invoiceUrl of [
			"https://evil.example/invoice",
			"http://invoice.stripe.com/i/x",
			"https://invoice.stripe.com.evil.example/i/x",
			"javascript:alert(1)",
		]) {
			expect(schema.safeParse({ invoiceUrl }).success, invoiceUrl).toBe(false);
		}
	});
});
