/**
 * The statistics screen's arithmetic: days in Europe/Berlin (around midnight and on the days the
 * clocks change), ranges and the period before them, the plan's reach as Core checks it, the
 * change against the previous period, and the chart's axis and buckets.
 */
import { describe, expect, it } from "vitest";
import {
	addDays,
	beyondPlan,
	bucketSizeFor,
	bucketsOf,
	changeOf,
	dayCount,
	niceMax,
	previousRange,
	rangeFor,
	statsDayOf,
	ticks,
} from "./stats";

describe("statsDayOf (Europe/Berlin)", () => {
	it("is the Berlin day, not the UTC day, around midnight", () => {
		// 23:30 UTC in winter is 00:30 the next day in Berlin (UTC+1).
		expect(statsDayOf(new Date("2026-01-14T23:30:00Z"))).toBe("2026-01-15");
		expect(statsDayOf(new Date("2026-01-14T22:59:59Z"))).toBe("2026-01-14");
		// In summer Berlin is UTC+2.
		expect(statsDayOf(new Date("2026-07-14T22:00:00Z"))).toBe("2026-07-15");
		expect(statsDayOf(new Date("2026-07-14T21:59:59Z"))).toBe("2026-07-14");
	});

	it("gets the days of the DST changes right", () => {
		// 29 March 2026: 02:00 CET becomes 03:00 CEST.
		expect(statsDayOf(new Date("2026-03-28T22:59:59Z"))).toBe("2026-03-28");
		expect(statsDayOf(new Date("2026-03-28T23:00:00Z"))).toBe("2026-03-29");
		expect(statsDayOf(new Date("2026-03-29T21:59:59Z"))).toBe("2026-03-29");
		expect(statsDayOf(new Date("2026-03-29T22:00:00Z"))).toBe("2026-03-30");
		// 25 October 2026: 03:00 CEST becomes 02:00 CET (a 25-hour day).
		expect(statsDayOf(new Date("2026-10-24T21:59:59Z"))).toBe("2026-10-24");
		expect(statsDayOf(new Date("2026-10-24T22:00:00Z"))).toBe("2026-10-25");
		expect(statsDayOf(new Date("2026-10-25T22:59:59Z"))).toBe("2026-10-25");
		expect(statsDayOf(new Date("2026-10-25T23:00:00Z"))).toBe("2026-10-26");
	});
});

describe("calendar days", () => {
	it("adds days across DST changes, month and year ends and leap days", () => {
		expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
		expect(addDays("2026-03-30", -1)).toBe("2026-03-29");
		expect(addDays("2026-10-25", 1)).toBe("2026-10-26");
		expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
		expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
		expect(dayCount("2026-03-25", "2026-03-31")).toBe(7);
		expect(dayCount("2026-10-20", "2026-10-26")).toBe(7);
		expect(dayCount("2026-12-03", "2026-12-03")).toBe(1);
	});

	it("gives 7, 30 and 90 days ending today, today included", () => {
		expect(rangeFor("7", "2026-03-31", "2020-01-01")).toEqual({
			from: "2026-03-25",
			to: "2026-03-31",
		});
		expect(rangeFor("30", "2026-12-03", "2020-01-01")).toEqual({
			from: "2026-11-04",
			to: "2026-12-03",
		});
		const ninety = rangeFor("90", "2026-12-03", "2020-01-01");
		expect(dayCount(ninety.from, ninety.to)).toBe(90);
	});

	it("starts 'all' with the account, never before Core's longest range nor after today", () => {
		expect(rangeFor("all", "2026-12-03", "2026-11-20")).toEqual({
			from: "2026-11-20",
			to: "2026-12-03",
		});
		const long = rangeFor("all", "2026-12-03", "2001-01-01");
		expect(dayCount(long.from, long.to)).toBe(3660);
		expect(rangeFor("all", "2026-12-03", "2026-12-04").from).toBe("2026-12-03");
	});

	it("puts the previous period right before, of equal length", () => {
		expect(previousRange({ from: "2026-03-25", to: "2026-03-31" })).toEqual({
			from: "2026-03-18",
			to: "2026-03-24",
		});
		expect(previousRange({ from: "2026-12-03", to: "2026-12-03" })).toEqual({
			from: "2026-12-02",
			to: "2026-12-02",
		});
	});

	it("knows the plan's reach as Core counts it: statsDays back from today, today included", () => {
		expect(beyondPlan("2026-11-04", "2026-12-03", 30)).toBe(false);
		expect(beyondPlan("2026-11-03", "2026-12-03", 30)).toBe(true);
		expect(beyondPlan("2001-01-01", "2026-12-03", null)).toBe(false);
		// The 7-day comparison period still fits a 30-day plan; the 30-day one does not.
		const week = rangeFor("7", "2026-12-03", "2020-01-01");
		expect(beyondPlan(previousRange(week).from, "2026-12-03", 30)).toBe(false);
		const month = rangeFor("30", "2026-12-03", "2020-01-01");
		expect(beyondPlan(previousRange(month).from, "2026-12-03", 30)).toBe(true);
	});
});

describe("changeOf", () => {
	it("is a whole percentage up, down or the same", () => {
		expect(changeOf(150, 100)).toEqual({ kind: "up", percent: 50 });
		expect(changeOf(50, 100)).toEqual({ kind: "down", percent: 50 });
		expect(changeOf(0, 7)).toEqual({ kind: "down", percent: 100 });
		expect(changeOf(1, 3)).toEqual({ kind: "down", percent: 67 });
		expect(changeOf(1001, 1000)).toEqual({ kind: "same", percent: 0 });
		expect(changeOf(30, 10)).toEqual({ kind: "up", percent: 200 });
	});

	it("is 'new' from nothing and nothing without figures", () => {
		expect(changeOf(5, 0)).toEqual({ kind: "new" });
		expect(changeOf(0, 0)).toEqual({ kind: "none" });
	});
});

describe("chart scale", () => {
	it("tops the axis at a nice number with whole quarters", () => {
		expect(niceMax(0)).toBe(4);
		expect(niceMax(3)).toBe(4);
		expect(niceMax(5)).toBe(8);
		expect(niceMax(9)).toBe(12);
		expect(niceMax(37)).toBe(40);
		expect(niceMax(100)).toBe(100);
		expect(niceMax(101)).toBe(120);
		expect(niceMax(1234)).toBe(1600);
		for (const max of [1, 6, 17, 95, 480, 9999, 123_456]) {
			const top = niceMax(max);
			expect(top).toBeGreaterThanOrEqual(max);
			for (const tick of ticks(top)) expect(Number.isInteger(tick)).toBe(true);
		}
		expect(ticks(40)).toEqual([0, 10, 20, 30, 40]);
	});

	it("draws days up to a quarter, then weeks, then months", () => {
		expect(bucketSizeFor(7)).toBe("day");
		expect(bucketSizeFor(92)).toBe("day");
		expect(bucketSizeFor(93)).toBe("week");
		expect(bucketSizeFor(401)).toBe("month");
	});

	it("sums days into Monday-to-Sunday weeks and calendar months", () => {
		const days = ["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-04-01"].map(
			(date, i) => ({ date, views: i + 1, clicks: 1 }),
		);
		expect(bucketsOf(days, "day")).toHaveLength(5);
		// 27–29 March are Friday to Sunday; 30 March is a Monday.
		expect(bucketsOf(days, "week")).toEqual([
			{ from: "2026-03-27", to: "2026-03-29", views: 6, clicks: 3 },
			{ from: "2026-03-30", to: "2026-04-01", views: 9, clicks: 2 },
		]);
		expect(bucketsOf(days, "month")).toEqual([
			{ from: "2026-03-27", to: "2026-03-30", views: 10, clicks: 4 },
			{ from: "2026-04-01", to: "2026-04-01", views: 5, clicks: 1 },
		]);
	});
});
