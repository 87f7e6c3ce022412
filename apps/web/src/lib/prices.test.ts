/** The yearly saving and price formatting of the plan page (issue 19 item 5). */
import type { Prices } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { formatPrice, monthlyEquivalent, yearlySaving } from "./prices";

const prices = (month: number, year: number): Prices => ({
	month: { amount: month, currency: "eur", interval: "month" },
	year: { amount: year, currency: "eur", interval: "year" },
	taxInclusive: true,
});

describe("yearly saving", () => {
	it("9 € a month and 90 € a year save 18 €, 17 %, two months", () => {
		expect(yearlySaving(prices(900, 9000))).toEqual({ amount: 1800, percent: 17, freeMonths: 2 });
	});

	it("follows other prices and says nothing when a year costs as much or more", () => {
		expect(yearlySaving(prices(1000, 10000)).freeMonths).toBe(2);
		expect(yearlySaving(prices(900, 9900))).toEqual({ amount: 900, percent: 8, freeMonths: 1 });
		expect(yearlySaving(prices(900, 10800)).amount).toBe(0);
		expect(yearlySaving(prices(900, 12000)).percent).toBe(0);
		expect(yearlySaving(prices(0, 0)).freeMonths).toBe(0);
	});

	it("a year per month rounds down to the cent", () => {
		expect(monthlyEquivalent(prices(900, 9000))).toBe(750);
		expect(monthlyEquivalent(prices(900, 8999))).toBe(749);
	});
});

describe("formatting", () => {
	it("writes prices as each language does", () => {
		expect(formatPrice("de", 900, "eur")).toBe("9,00\u00a0€");
		expect(formatPrice("en", 900, "eur")).toBe("€9.00");
	});
});
