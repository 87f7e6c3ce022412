/**
 * The statistics roll-up (issue 17, src/scheduled.ts `rollUpStats`) against the real Customer
 * Worker, D1 and the Analytics Engine SQL API stand-in: a day is rolled up only once it is over
 * (in the statistics time zone, plus a grace period for late data points); each day lands in D1
 * exactly once however often the cron runs; `GET /stats` answers the same totals before and
 * after, and reads a rolled-up day from D1 only. The roll-ups are in the account's export and go
 * with the account.
 */
import { env } from "cloudflare:workers";
import { STATS_TIME_ZONE } from "@smartpages/contracts";
import { describe, expect, it, vi } from "vitest";
import { ROLLUP_GRACE_MS, rollUpStats, STATS_ROLLUP_KEY } from "../../src/scheduled";
import { addDays, dayStart } from "../../src/stats/days";
import { account, call, withResources } from "../support/request";
import { at, daysAgo, point, seed, today } from "../support/stats";

/** Everything D1 holds of the account's roll-ups, in a stable order. */
async function stored(userId: string) {
	const rows = await env.TEST_DB.prepare(
		"SELECT day, page_id, event, link_id, referrer_host, country, device, count FROM stats_daily WHERE user_id = ? ORDER BY day, page_id, event, link_id, referrer_host, country, device",
	)
		.bind(userId)
		.all();
	const days = await env.TEST_DB.prepare(
		"SELECT day FROM stats_rollups WHERE user_id = ? ORDER BY day",
	)
		.bind(userId)
		.all<{ day: string }>();
	return { rows: rows.results, days: days.results.map((r) => r.day) };
}

/** Makes the account older than the days a test rolls up (only existing accounts have days). */
async function backdate(userId: string, days: number): Promise<void> {
	await env.TEST_DB.prepare("UPDATE users SET created_at = ? WHERE id = ?")
		.bind(new Date(Date.now() - days * 86_400_000).toISOString(), userId)
		.run();
}

/** The first instant of the day after `day`. */
const midnightAfter = (day: string) => dayStart(addDays(day, 1), STATS_TIME_ZONE);

describe("statistics roll-up", () => {
	it("rolls each finished day up once, and the API answers the same before and after", async () => {
		const owner = await withResources(await account("pro"), { title: "Rollup" });
		await backdate(owner.userId, 10);
		// The clock is moved back for this test: the cron's "complete up to" mark starts afresh.
		await env.SESSIONS.delete(STATS_ROLLUP_KEY);
		const [d3, d2] = [daysAgo(3), daysAgo(2)];
		const view = (day: string, fields = {}) =>
			point(owner.userId, at(day, 20), { pageId: owner.pageId, ...fields });
		await seed([
			view(d3, { referrerHost: "instagram.com", device: "mobile" }),
			view(d3, { referrerHost: "instagram.com", device: "mobile" }),
			view(d3, { event: "click", linkId: owner.linkId }),
			view(d3, { bot: true }),
			// 23:59 in Berlin still belongs to d3; 00:01 to d2.
			point(owner.userId, midnightAfter(d3) - 60_000, { pageId: owner.pageId, country: "AT" }),
			point(owner.userId, midnightAfter(d3) + 60_000, { pageId: owner.pageId, country: "CH" }),
		]);
		const range = { from: daysAgo(6), to: today() };
		const before = (await call("GET /stats", { as: owner, query: range })).body;
		expect(before.totals).toEqual({ views: 4, clicks: 1, ctr: 0.25 });
		expect(before.days.find((d) => d.date === d3)).toEqual({ date: d3, views: 3, clicks: 1 });

		// Just before midnight (and within the grace period after it) d3 is not over yet.
		await rollUpStats(env, midnightAfter(d3) - 60_000);
		await rollUpStats(env, midnightAfter(d3) + ROLLUP_GRACE_MS - 60_000);
		expect((await stored(owner.userId)).days).not.toContain(d3);

		// Past midnight: d3 is rolled up, once, however often the cron runs.
		const past = midnightAfter(d3) + ROLLUP_GRACE_MS + 60_000;
		await rollUpStats(env, past);
		const first = await stored(owner.userId);
		expect(first.days).toContain(d3);
		expect(first.days).not.toContain(d2);
		expect(first.rows.filter((r) => r.day === d3)).toEqual([
			{
				day: d3,
				page_id: owner.pageId,
				event: "click",
				link_id: owner.linkId,
				referrer_host: "",
				country: "DE",
				device: "desktop",
				count: 1,
			},
			{
				day: d3,
				page_id: owner.pageId,
				event: "view",
				link_id: "",
				referrer_host: "",
				country: "AT",
				device: "desktop",
				count: 1,
			},
			{
				day: d3,
				page_id: owner.pageId,
				event: "view",
				link_id: "",
				referrer_host: "instagram.com",
				country: "DE",
				device: "mobile",
				count: 2,
			},
		]);
		await rollUpStats(env, past);
		expect(await stored(owner.userId)).toEqual(first);

		// Up to today: every finished day once, twice over.
		await rollUpStats(env, Date.now());
		const now = await stored(owner.userId);
		expect(now.days).toEqual(expect.arrayContaining([d3, d2, daysAgo(1)]));
		expect(now.days).not.toContain(today());
		await rollUpStats(env, Date.now());
		expect(await stored(owner.userId)).toEqual(now);

		const after = (await call("GET /stats", { as: owner, query: range })).body;
		expect(after).toEqual(before);

		// A rolled-up day is read from D1 only: a late data point no longer changes it.
		await seed([view(d3)]);
		const later = (await call("GET /stats", { as: owner, query: range })).body;
		expect(later.totals).toEqual(before.totals);

		// The roll-ups are part of the account's export, and go with the account.
		const exported = await call("GET /me/export", { as: owner });
		expect(exported.body.statsDaily).toHaveLength(now.rows.length);
		const deleted = await call("DELETE /me", { as: owner, body: { password: owner.password } });
		expect(deleted.status, deleted.text).toBe(204);
		expect(await stored(owner.userId)).toEqual({ rows: [], days: [] });
	});

	it("with Analytics Engine unreachable, stores nothing and tries the same days again next run", async () => {
		const owner = await account("pro");
		await backdate(owner.userId, 10);
		await env.SESSIONS.delete(STATS_ROLLUP_KEY);
		vi.spyOn(console, "error").mockImplementation(() => {});
		vi.spyOn(console, "log").mockImplementation(() => {});
		const unreachable = { ...env, STATS_API_BASE: "https://api.cloudflare.com/client/v4" };
		await rollUpStats(unreachable, Date.now());
		expect(await stored(owner.userId)).toEqual({ rows: [], days: [] });
		expect(await env.SESSIONS.get(STATS_ROLLUP_KEY)).toBeNull();
		await rollUpStats(env, Date.now());
		expect((await stored(owner.userId)).days).toContain(daysAgo(1));
		vi.restoreAllMocks();
	});

	it("rolls up nothing for an account created after the day ended", async () => {
		const owner = await account("pro");
		await rollUpStats(env, Date.now());
		const { days } = await stored(owner.userId);
		// Created today: only days that ended after its creation (none before today) are due.
		expect(days).toEqual([]);
	});
});
