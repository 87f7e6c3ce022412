/**
 * The Stripe stand-in keeps the promises of Stripe's API that the money paths rely on:
 * idempotency keys (same key and parameters → the first answer replayed; same key with other
 * parameters → 400 idempotency_error), and `subscription_data[metadata]` landing on the
 * subscription a Checkout Session creates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripe } from "../src/stripe.ts";

let stripe: Awaited<ReturnType<typeof startStripe>>;
let base = "";

beforeAll(async () => {
	stripe = await startStripe({ port: 0, webhookUrl: null, webhookSecret: "whsec_test" });
	base = `http://127.0.0.1:${stripe.port}`;
});
afterAll(() => stripe.close());

async function post(path: string, params: Record<string, string>, key?: string) {
	const headers: Record<string, string> = {
		Authorization: "Bearer sk_test_local",
		"Content-Type": "application/x-www-form-urlencoded",
	};
	if (key) headers["Idempotency-Key"] = key;
	const res = await fetch(`${base}/v1${path}`, {
		method: "POST",
		headers,
		body: new URLSearchParams(params),
	});
	return {
		status: res.status,
		replayed: res.headers.get("Idempotent-Replayed"),
		body: (await res.json()) as Record<string, unknown> & { error?: { type: string } },
	};
}

describe("#14.4 Stripe stand-in idempotency", () => {
	it("#14.4 the same key with the same parameters replays the first answer, also when sent at once", async () => {
		const key = `customer:${crypto.randomUUID()}`;
		const params = { email: "a@example.com", "metadata[userId]": "usr_a" };
		const [one, two] = await Promise.all([
			post("/customers", params, key),
			post("/customers", params, key),
		]);
		expect(one.status).toBe(200);
		expect(two.status).toBe(200);
		expect(two.body.id).toBe(one.body.id);
		const later = await post("/customers", params, key);
		expect(later.body.id).toBe(one.body.id);
		expect(later.replayed).toBe("true");
		// Without a key every call is a new customer.
		const a = await post("/customers", params);
		const b = await post("/customers", params);
		expect(a.body.id).not.toBe(b.body.id);
	});

	it("#14.4 the same key with other parameters or on another endpoint is 400 idempotency_error", async () => {
		const key = `customer:${crypto.randomUUID()}`;
		const first = await post("/customers", { email: "a@example.com" }, key);
		expect(first.status).toBe(200);
		const other = await post("/customers", { email: "b@example.com" }, key);
		expect(other.status).toBe(400);
		expect(other.body.error?.type).toBe("idempotency_error");
		const elsewhere = await post(
			"/billing_portal/sessions",
			{ customer: String(first.body.id) },
			key,
		);
		expect(elsewhere.status).toBe(400);
		expect(elsewhere.body.error?.type).toBe("idempotency_error");
	});

	it("#14.4 a refused request is not saved: the same key works once the request is valid", async () => {
		const customer = await post("/customers", { email: "c@example.com" });
		const key = `checkout:${crypto.randomUUID()}`;
		const params = {
			mode: "subscription",
			customer: "cus_missing",
			"line_items[0][price]": "price_pro_month",
			"line_items[0][quantity]": "1",
		};
		expect((await post("/checkout/sessions", params, key)).status).toBe(400);
		const again = await post(
			"/checkout/sessions",
			{ ...params, customer: String(customer.body.id) },
			key,
		);
		expect(again.status).toBe(200);
	});
});

describe("#14.4 Stripe stand-in checkout", () => {
	it("#14.4 subscription_data[metadata] lands on the subscription; an expired session cannot be paid", async () => {
		const customer = await post("/customers", { email: "d@example.com" });
		const session = async () =>
			post("/checkout/sessions", {
				mode: "subscription",
				customer: String(customer.body.id),
				client_reference_id: "usr_d",
				"line_items[0][price]": "price_pro_month",
				"line_items[0][quantity]": "1",
				"subscription_data[metadata][userId]": "usr_d",
			});
		const paid = await session();
		const done = await fetch(`${base}/_dev/checkout/${paid.body.id}/complete`, { method: "POST" });
		const { subscription } = (await done.json()) as {
			subscription: { metadata: Record<string, string> };
		};
		expect(subscription.metadata).toEqual({ userId: "usr_d" });

		const open = await session();
		const expired = await post(`/checkout/sessions/${open.body.id}/expire`, {});
		expect(expired.body.status).toBe("expired");
		const late = await fetch(`${base}/_dev/checkout/${open.body.id}/complete`, { method: "POST" });
		expect(late.status).toBe(410);
		const page = await fetch(`${base}/checkout/${open.body.id}`);
		expect(page.status).toBe(410);
	});
});

describe("#19.9 the hosted invoice page (the dashboard's invoice 'View')", () => {
	it("answers each invoice's hosted_invoice_url with a readable page, and an unknown one with an HTML 404", async () => {
		const customer = await post("/customers", { email: "v@example.com" });
		const session = await post("/checkout/sessions", {
			mode: "subscription",
			customer: String(customer.body.id),
			"line_items[0][price]": "price_pro_year",
			"line_items[0][quantity]": "1",
		});
		await fetch(`${base}/_dev/checkout/${session.body.id}/complete`, { method: "POST" });
		const list = await fetch(`${base}/v1/invoices?customer=${customer.body.id}`, {
			headers: { Authorization: "Bearer sk_test_local" },
		});
		const { data } = (await list.json()) as {
			data: { number: string; hosted_invoice_url: string }[];
		};
		const invoice = data[0];
		if (!invoice) throw new Error("no invoice");
		const url = new URL(invoice.hosted_invoice_url);
		const page = await fetch(`${base}${url.pathname}`);
		expect(page.status).toBe(200);
		expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
		const html = await page.text();
		expect(html).toContain(invoice.number);
		expect(html).toContain("90.00");
		// By its number too, and anything else is a page that says so, not the API's JSON error.
		expect((await fetch(`${base}/invoices/${invoice.number}`)).status).toBe(200);
		const unknown = await fetch(`${base}/invoices/1`);
		expect(unknown.status).toBe(404);
		expect(unknown.headers.get("Content-Type")).toMatch(/^text\/html/);
	});
});

describe("issue 19: the configured prices", () => {
	const get = async (id: string) => {
		const res = await fetch(`${base}/v1/prices/${id}`, {
			headers: { Authorization: "Bearer sk_test_local" },
		});
		return { status: res.status, body: (await res.json()) as Record<string, unknown> };
	};

	it("serves Price objects as Stripe does (EUR, tax-inclusive, recurring), and /_dev changes one", async () => {
		const month = await get("price_pro_month");
		expect(month.status).toBe(200);
		expect(month.body).toMatchObject({
			id: "price_pro_month",
			object: "price",
			currency: "eur",
			unit_amount: 900,
			tax_behavior: "inclusive",
			recurring: { interval: "month", interval_count: 1 },
		});
		expect((await get("price_pro_year")).body.unit_amount).toBe(9000);
		expect((await get("price_unknown")).status).toBe(404);

		const set = (amount: unknown) =>
			fetch(`${base}/_dev/prices/price_pro_year`, {
				method: "POST",
				body: JSON.stringify({ amount }),
			});
		expect((await set(8900)).status).toBe(200);
		expect((await get("price_pro_year")).body.unit_amount).toBe(8900);
		expect((await set("lots")).status).toBe(400);
		expect((await set(-1)).status).toBe(400);
		expect((await get("price_pro_year")).body.unit_amount).toBe(8900);
		await set(9000);
	});
});
