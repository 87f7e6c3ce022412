/**
 * Pro's prices (src/prices.ts, issue 19 item 5): read from the configured Price objects of the
 * Stripe stand-in over the real RPC method, in the contract's shape, following a changed price
 * at once locally (STRIPE_PRICE_CACHE_SECONDS is 0 here), and refusing Price objects the plan
 * page could not show honestly.
 */
import { env, exports } from "cloudflare:workers";
import type Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { toPrices } from "../src/prices";

const billing = exports.BillingService;
const ctx = { requestId: "prices-test" };

const setPrice = (id: string, amount: number) =>
	fetch(`${env.TEST_STRIPE}/_dev/prices/${id}`, {
		method: "POST",
		body: JSON.stringify({ amount }),
	});

afterEach(async () => {
	await setPrice("price_pro_year", 9000);
});

describe("getPrices", () => {
	it("answers both configured prices, tax-inclusive, and follows a change", async () => {
		expect(await billing.getPrices(ctx)).toEqual({
			ok: true,
			value: {
				month: { amount: 900, currency: "eur", interval: "month" },
				year: { amount: 9000, currency: "eur", interval: "year" },
				taxInclusive: true,
			},
		});
		await setPrice("price_pro_year", 9500);
		const changed = await billing.getPrices(ctx);
		expect(changed.ok && changed.value.year.amount).toBe(9500);
	});
});

describe("toPrices", () => {
	const price = (over: Partial<Stripe.Price> & { interval?: "month" | "year" }): Stripe.Price =>
		({
			id: "price_x",
			currency: "eur",
			unit_amount: 900,
			tax_behavior: "inclusive",
			recurring: { interval: over.interval ?? "month", interval_count: 1 },
			...over,
		}) as Stripe.Price;

	it("refuses metered, mismatched or mixed-currency prices, and says when VAT is not included", () => {
		const year = price({ interval: "year", unit_amount: 9000 });
		expect(toPrices(price({}), year)?.taxInclusive).toBe(true);
		expect(toPrices(price({ tax_behavior: "exclusive" }), year)?.taxInclusive).toBe(false);
		expect(toPrices(price({ unit_amount: null }), year)).toBeNull();
		expect(toPrices(price({ interval: "year" }), year)).toBeNull();
		expect(toPrices(price({ currency: "usd" }), year)).toBeNull();
		expect(
			toPrices(price({}), {
				...year,
				recurring: { ...(year.recurring as Stripe.Price.Recurring), interval_count: 2 },
			}),
		).toBeNull();
	});
});
