/**
 * The local cron ticker's schedule (src/cron.ts): which of Core's cron expressions fall due at a
 * given minute, so `npm run dev` fires the per-minute schedules every minute and the maintenance
 * jobs every five, as Cloudflare does; and the expressions are read from Core's wrangler.jsonc.
 */
import { describe, expect, it } from "vitest";
import { coreCrons, cronDue } from "../src/cron.ts";
import { ROOT } from "../src/stack.ts";

const at = (iso: string) => new Date(iso);

describe("the local cron ticker", () => {
	it("reads Core's crons, including a per-minute one for scheduled links", () => {
		const crons = coreCrons(ROOT);
		expect(crons).toContain("* * * * *");
		expect(crons).toContain("*/5 * * * *");
	});

	it("fires every minute's expression each minute and the five-minute one on multiples of five", () => {
		expect(cronDue("* * * * *", at("2026-12-03T12:01:00Z"))).toBe(true);
		expect(cronDue("*/5 * * * *", at("2026-12-03T12:01:00Z"))).toBe(false);
		expect(cronDue("*/5 * * * *", at("2026-12-03T12:05:00Z"))).toBe(true);
		expect(cronDue("*/5 * * * *", at("2026-12-03T12:00:00Z"))).toBe(true);
		expect(cronDue("30 3 * * *", at("2026-12-03T03:30:00Z"))).toBe(true);
		expect(cronDue("30 3 * * *", at("2026-12-03T04:30:00Z"))).toBe(false);
		expect(cronDue("not a cron", at("2026-12-03T12:00:00Z"))).toBe(false);
	});
});
