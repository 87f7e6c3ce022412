/**
 * The Pro welcome mail (src/routes/webhooks/stripe.ts, issue 19 item 5, new-user pass L19):
 * sent once the webhook switches the plan to Pro, it states the amount (from Stripe's Price,
 * in the customer's locale, VAT included), the interval and the next billing date.
 */
import { describe, expect, it } from "vitest";
import { mailTo } from "../../support/mail";
import { account } from "../../support/request";
import { upgraded } from "../../support/stripe";

describe("happy", () => {
	it("states amount, interval and next billing date, in English and in German", async () => {
		for (const [locale, subject, amount] of [
			["en", /Welcome to SmartPages Pro/, "You pay €9.00 incl. VAT per month."],
			["de", /Willkommen bei SmartPages Pro/, "Sie zahlen 9,00\u00a0€ inkl. MwSt. monatlich."],
		] as const) {
			const owner = await account("free", {
				email: `welcome-${crypto.randomUUID()}@example.com`,
				password: "welcome mail passphrase",
				locale,
			});
			await upgraded(owner);
			const mail = await mailTo(owner.email, subject);
			expect(mail.text, locale).toContain(amount);
			expect(mail.text, locale).toMatch(
				locale === "en"
					? /Your next payment is due on \d{1,2} [A-Z][a-z]+ \d{4}/
					: /Die nächste Zahlung ist am \d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4} fällig/,
			);
		}
	});
});
