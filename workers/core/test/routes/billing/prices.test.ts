/**
 * GET /billing/prices (src/routes/billing/billing.ts, issue 19 item 5): Pro's prices read by the
 * real Billing Worker from the Stripe stand-in's Price objects, public, and following a price
 * change at once locally (STRIPE_PRICE_CACHE_SECONDS is 0 in the local config).
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { account, call } from "../../support/request";

const stripeBase = () => `http://127.0.0.1:${env.TEST_CLOUD.stripe}`;

async function setPrice(id: string, amount: unknown) {
	return fetch(`${stripeBase()}/_dev/prices/${id}`, {
		method: "POST",
		body: JSON.stringify({ amount }),
	});
}

afterEach(async () => {
	await setPrice("price_pro_month", 900);
	await setPrice("price_pro_year", 9000);
});

describe("happy", () => {
	it("answers both prices with currency, interval and that VAT is included, without a session", async () => {
		const res = await call("GET /billing/prices");
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			month: { amount: 900, currency: "eur", interval: "month" },
			year: { amount: 9000, currency: "eur", interval: "year" },
			taxInclusive: true,
		});
	});

	it("follows a changed Stripe price", async () => {
		expect((await setPrice("price_pro_year", 8900)).status).toBe(200);
		const owner = await account("free");
		const res = await call("GET /billing/prices", { as: owner });
		expect(res.body.year.amount).toBe(8900);
		expect(res.body.month.amount).toBe(900);
	});
});

describe("error", () => {
	it("a Stripe outage is 503 unavailable, never a made-up price", async () => {
		await fetch(`${stripeBase()}/_dev/faults`, {
			method: "POST",
			body: JSON.stringify({ count: 4 }),
		});
		const res = await call("GET /billing/prices");
		expect(res.status).toBe(503);
		await fetch(`${stripeBase()}/_dev/faults`, {
			method: "POST",
			body: JSON.stringify({ count: 0 }),
		});
	});
});
