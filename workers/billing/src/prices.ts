/**
 * Pro's prices as Stripe holds them (issue 19 item 5): the two configured Price objects
 * (STRIPE_PRICE_PRO_MONTH / _YEAR), fetched and kept in this isolate's memory for
 * STRIPE_PRICE_CACHE_SECONDS, so the plan page costs Stripe at most one pair of reads per isolate
 * and period. In memory rather than the Cache API: two small objects, and a stale isolate only
 * lags a price change by the TTL (deployed 10 minutes; 0 locally, where tests change the
 * stand-in's prices). A failed read is never cached.
 */
import { fail, ok, type Prices, type Result } from "@smartpages/contracts";
import { logEvent } from "@smartpages/contracts/observability";
import type Stripe from "stripe";
import { type Env, stripeFor } from "./stripe-client";

interface Cached {
	/** The price ids read, so a config change is never answered from the old ones. */
	key: string;
	expires: number;
	prices: Prices;
}

let cached: Cached | null = null;

/** Drops the cached prices (tests). */
export function forgetPrices(): void {
	cached = null;
}

export async function getPrices(env: Env): Promise<Result<Prices>> {
	const key = `${env.STRIPE_PRICE_PRO_MONTH}|${env.STRIPE_PRICE_PRO_YEAR}`;
	const now = Date.now();
	if (cached && cached.key === key && cached.expires > now) return ok(cached.prices);
	try {
		const { stripe } = stripeFor(env);
		const [month, year] = await Promise.all([
			stripe.prices.retrieve(env.STRIPE_PRICE_PRO_MONTH),
			stripe.prices.retrieve(env.STRIPE_PRICE_PRO_YEAR),
		]);
		const prices = toPrices(month, year);
		if (!prices) {
			logEvent("error", "stripe prices unusable", { month: month.id, year: year.id });
			return fail("unavailable", "Prices are not available right now.");
		}
		const ttl = Number(env.STRIPE_PRICE_CACHE_SECONDS) * 1000;
		cached = Number.isFinite(ttl) && ttl > 0 ? { key, expires: now + ttl, prices } : null;
		return ok(prices);
	} catch (error) {
		logEvent("error", "stripe call failed", { operation: "prices", error: String(error) });
		return fail("unavailable", "Prices are not available right now.");
	}
}

/**
 * The two prices in the contract's shape, or null when Stripe's objects are not what the plan
 * page can show honestly: no fixed amount (metered or tiered), another interval than configured,
 * or the two in different currencies.
 */
export function toPrices(month: Stripe.Price, year: Stripe.Price): Prices | null {
	const one = (price: Stripe.Price, interval: "month" | "year") => {
		if (price.unit_amount === null || price.recurring?.interval !== interval) return null;
		if ((price.recurring.interval_count ?? 1) !== 1) return null;
		return { amount: price.unit_amount, currency: price.currency.toLowerCase(), interval };
	};
	const m = one(month, "month");
	const y = one(year, "year");
	if (!m || !y || m.currency !== y.currency) return null;
	return {
		month: m,
		year: y,
		taxInclusive: month.tax_behavior === "inclusive" && year.tax_behavior === "inclusive",
	};
}
