/**
 * The statement Core sends to Analytics Engine's SQL API (src/stats/sql.ts) and the day
 * arithmetic under it (src/stats/days.ts). The SQL API has no bind parameters: the builder is the
 * last line against injection and must refuse any value outside its strict patterns, whoever
 * calls it. Day bounds follow the time zone, daylight saving time included.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addDays, dayCount, dayOf, dayStart, daysFrom } from "../../src/stats/days";
import { factsSql, UnsafeSqlValue } from "../../src/stats/sql";
import { point, seed } from "../support/stats";

const SITE = "usr_aaaaaaaaaaaaaaaaaaaa";
const TZ = "Europe/Berlin";

describe("days in the statistics time zone", () => {
	it("starts each day at its local midnight, 23 and 25 hour days included", () => {
		expect(new Date(dayStart("2026-01-15", TZ)).toISOString()).toBe("2026-01-14T23:00:00.000Z");
		expect(new Date(dayStart("2026-07-15", TZ)).toISOString()).toBe("2026-07-14T22:00:00.000Z");
		// Clocks go forward on 29 March 2026 and back on 25 October 2026.
		expect(dayStart("2026-03-30", TZ) - dayStart("2026-03-29", TZ)).toBe(23 * 3_600_000);
		expect(dayStart("2026-10-26", TZ) - dayStart("2026-10-25", TZ)).toBe(25 * 3_600_000);
		expect(dayOf(Date.parse("2026-03-29T21:59:59Z"), TZ)).toBe("2026-03-29");
		expect(dayOf(Date.parse("2026-03-29T22:00:00Z"), TZ)).toBe("2026-03-30");
	});

	it("counts and lists calendar days", () => {
		expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
		expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
		expect(daysFrom("2026-12-30", "2027-01-02")).toEqual([
			"2026-12-30",
			"2026-12-31",
			"2027-01-01",
			"2027-01-02",
		]);
		expect(daysFrom("2026-01-02", "2026-01-01")).toEqual([]);
		expect(dayCount("2026-03-28", "2026-03-30")).toBe(3);
	});
});

describe("the Analytics Engine statement", () => {
	it("is scoped to the given sites, excludes bots, counts samples and labels each day", () => {
		const sql = factsSql({
			sites: [SITE],
			days: ["2026-03-28", "2026-03-29", "2026-03-30"],
			timeZone: TZ,
			pageId: "pg_bbbbbbbbbbbbbbbbbbbb",
		});
		expect(sql).toContain(`index1 IN ('${SITE}')`);
		expect(sql).toContain("blob7 = '0'");
		expect(sql).toContain("blob2 = 'pg_bbbbbbbbbbbbbbbbbbbb'");
		expect(sql).toContain("SUM(_sample_interval)");
		expect(sql).toContain("timestamp >= '2026-03-27 23:00:00'");
		expect(sql).toContain("timestamp < '2026-03-30 22:00:00'");
		expect(sql).toContain(
			"CASE WHEN timestamp < '2026-03-28 23:00:00' THEN '2026-03-28' WHEN timestamp < '2026-03-29 22:00:00' THEN '2026-03-29' ELSE '2026-03-30' END",
		);
		expect(sql.trimEnd().endsWith("FORMAT JSON")).toBe(true);
		expect(sql).not.toContain(";");
	});

	it.each([
		["a site id with a quote", { sites: ["usr_aaaaaaaaaaaaaaaaaaa'"] }],
		["a site id with SQL", { sites: [`${SITE}' OR '1'='1`] }],
		["no site", { sites: [] }],
		["a page id with SQL", { pageId: "pg_bbbbbbbbbbbbbbbbbbbb' OR 1=1 --" }],
		["a day with SQL", { days: ["2026-01-01' OR '1'='1"] }],
		["no day", { days: [] }],
	])("refuses %s", (_, change) => {
		const query = { sites: [SITE], days: ["2026-01-01"], timeZone: TZ, ...change };
		expect(() => factsSql(query)).toThrow(expect.anything());
	});

	it("refuses a value outside its pattern with UnsafeSqlValue", () => {
		expect(() => factsSql({ sites: ["' OR 1=1"], days: ["2026-01-01"], timeZone: TZ })).toThrow(
			UnsafeSqlValue,
		);
	});
});

describe("the statement against the Analytics Engine SQL API stand-in", () => {
	it("runs unchanged and labels each day by its local bounds across a clock change", async () => {
		const site = `usr_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
		const page = "pg_cccccccccccccccccccc";
		const at = (iso: string, fields = {}) =>
			point(site, Date.parse(iso), { pageId: page, ...fields });
		await seed([
			at("2026-03-28T22:59:59Z"), // 23:59:59 CET on the 28th: outside the range
			at("2026-03-28T23:00:00Z"), // 00:00 CET on the 29th
			at("2026-03-29T21:59:59Z"), // 23:59:59 CEST on the 29th
			at("2026-03-29T22:00:00Z"), // 00:00 CEST on the 30th
			at("2026-03-29T22:00:00Z", { event: "click", linkId: "ln_dddddddddddddddddddd" }),
			at("2026-03-29T12:00:00Z", { bot: true }),
			at("2026-03-30T21:59:59Z", { pageId: "pg_eeeeeeeeeeeeeeeeeeee" }),
			at("2026-03-30T22:00:00Z"), // the 31st: outside the range
		]);
		const res = await fetch(
			`http://127.0.0.1:${env.TEST_CLOUD.stats}/client/v4/accounts/local/analytics_engine/sql`,
			{
				method: "POST",
				body: factsSql({
					sites: [site],
					days: ["2026-03-29", "2026-03-30"],
					timeZone: TZ,
					pageId: page,
				}),
			},
		);
		expect(res.status).toBe(200);
		const { data } = (await res.json()) as { data: Record<string, unknown>[] };
		expect(data.map((r) => `${r.site_id} ${r.day_key} ${r.event} ${r.hits}`).sort()).toEqual([
			`${site} 2026-03-29 view 2`,
			`${site} 2026-03-30 click 1`,
			`${site} 2026-03-30 view 1`,
		]);
	});
});
