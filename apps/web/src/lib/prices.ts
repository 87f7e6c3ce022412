/**
 * Pro's prices as the plan page shows them (issue 19 item 5): amounts from GET /billing/prices
 * (Stripe's Price objects) formatted in the customer's locale, and the yearly saving computed
 * from the two, never written into a text, so a price change in Stripe changes the page.
 */
import type { Prices } from "@smartpages/contracts";
import { formatMoney, type Locale } from "../i18n";

export interface YearlySaving {
	/** What a year costs less than twelve months, in minor units; 0 or less = no saving. */
	amount: number;
	/** The saving in whole percent of twelve months (rounded), e.g. 17. */
	percent: number;
	/** Whole months the yearly price gives for free (9 € × 12 − 90 € = 2 months), 0 when fewer. */
	freeMonths: number;
}

export function yearlySaving(prices: Prices): YearlySaving {
	const twelve = prices.month.amount * 12;
	const amount = twelve - prices.year.amount;
	if (amount <= 0 || prices.month.amount <= 0) return { amount: 0, percent: 0, freeMonths: 0 };
	return {
		amount,
		percent: Math.round((amount / twelve) * 100),
		// A tiny rounding allowance: 107.99 € a year is still "one month free" for 9 €/month.
		freeMonths: Math.floor(amount / prices.month.amount + 1e-9),
	};
}

/** "9,00 €" / "€9.00": an amount of a price in the locale's currency format. */
export function formatPrice(locale: Locale, amount: number, currency: string): string {
	return formatMoney(locale, amount, currency);
}

/** What the yearly price amounts to per month ("7,50 €"), rounded down to the cent. */
export function monthlyEquivalent(prices: Prices): number {
	return Math.floor(prices.year.amount / 12);
}
