/**
 * The statistics roll-ups on the Customer Worker's side (issue 17), against real D1 through the
 * RPC entrypoint as Core calls it: a day is stored once (a repeat or two concurrent calls change
 * nothing), reads are scoped to the account (another account's page is `not_found`), only
 * accounts that existed when a day ended are due for it, and a deleted account gets no rows back.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { StatsFact } from "@smartpages/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { CustomerService } from "../src/index";
import { createPage } from "../src/pages/store";
import { createUser, deleteUserRow } from "../src/users/store";

const ctx = { requestId: "test-stats" };
const customer = () => new CustomerService(createExecutionContext(), env);

let userId = "";
let pageId = "";

beforeEach(async () => {
	const created = await createUser(env.DB, {
		email: `stats-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	userId = created.user.id;
	const page = await createPage(env.DB, userId, { title: "Stats" }, { max: 5, plan: "pro" });
	if (!page.ok) throw new Error(page.message);
	pageId = page.value.id;
});

const fact = (date: string, fields: Partial<StatsFact> = {}): StatsFact => ({
	date,
	event: "view",
	pageId,
	linkId: "",
	referrerHost: "",
	country: "DE",
	device: "desktop",
	count: 1,
	...fields,
});

async function rows(id: string) {
	const { results } = await env.DB.prepare(
		"SELECT day, event, referrer_host, count FROM stats_daily WHERE user_id = ? ORDER BY day, event, referrer_host",
	)
		.bind(id)
		.all();
	return results;
}

describe("storeStatsDay", () => {
	it("stores a day once: a repeat with other figures changes nothing", async () => {
		const day = "2026-11-30";
		const first = await customer().storeStatsDay(ctx, userId, day, [
			fact(day, { count: 3 }),
			fact(day, { referrerHost: "t.co" }),
			fact(day, { event: "click", linkId: "ln_x" }),
		]);
		expect(first).toEqual({ ok: true, value: { written: true } });
		const stored = await rows(userId);
		expect(stored).toHaveLength(3);
		const again = await customer().storeStatsDay(ctx, userId, day, [fact(day, { count: 99 })]);
		expect(again).toEqual({ ok: true, value: { written: false } });
		expect(await rows(userId)).toEqual(stored);
	});

	it("two concurrent calls for one day store it once", async () => {
		const day = "2026-11-29";
		const results = await Promise.all([
			customer().storeStatsDay(ctx, userId, day, [fact(day, { count: 2 })]),
			customer().storeStatsDay(ctx, userId, day, [fact(day, { count: 2 })]),
		]);
		expect(results.filter((r) => r.ok && r.value.written)).toHaveLength(1);
		expect(await rows(userId)).toEqual([{ day, event: "view", referrer_host: "", count: 2 }]);
	});

	it("records a day without visits, and refuses lines of another day", async () => {
		expect(await customer().storeStatsDay(ctx, userId, "2026-11-28", [])).toEqual({
			ok: true,
			value: { written: true },
		});
		const read = await customer().readStats(ctx, userId, { from: "2026-11-28", to: "2026-11-28" });
		expect(read.ok && read.value.rolledUpDays).toEqual(["2026-11-28"]);
		const wrong = await customer().storeStatsDay(ctx, userId, "2026-11-27", [fact("2026-11-26")]);
		expect(wrong.ok).toBe(false);
	});

	it("writes nothing for an account that is gone", async () => {
		await deleteUserRow(env.DB, userId);
		const day = "2026-11-30";
		expect(await customer().storeStatsDay(ctx, userId, day, [fact(day)])).toEqual({
			ok: true,
			value: { written: false },
		});
		expect(await rows(userId)).toEqual([]);
	});
});

describe("readStats", () => {
	it("reads the account's days and lines of the range, of one page when asked", async () => {
		await customer().storeStatsDay(ctx, userId, "2026-11-01", [
			fact("2026-11-01"),
			fact("2026-11-01", { pageId: "pg_otherpage0000000000" }),
		]);
		await customer().storeStatsDay(ctx, userId, "2026-11-05", [fact("2026-11-05")]);
		const all = await customer().readStats(ctx, userId, { from: "2026-11-01", to: "2026-11-04" });
		if (!all.ok) throw new Error(all.message);
		expect(all.value.rolledUpDays).toEqual(["2026-11-01"]);
		expect(all.value.facts).toHaveLength(2);
		const page = await customer().readStats(ctx, userId, {
			from: "2026-11-01",
			to: "2026-11-30",
			pageId,
		});
		if (!page.ok) throw new Error(page.message);
		expect(page.value.facts.map((f) => f.date)).toEqual(["2026-11-01", "2026-11-05"]);
	});

	it("answers not_found for another account's page", async () => {
		const other = await createUser(env.DB, {
			email: `stats-other-${crypto.randomUUID()}@example.com`,
			passwordHash: "x",
			locale: "en",
		});
		const read = await customer().readStats(ctx, other.user.id, {
			from: "2026-11-01",
			to: "2026-11-30",
			pageId,
		});
		expect(read).toMatchObject({ ok: false, code: "not_found" });
	});
});

describe("statsRollupsDue", () => {
	it("offers only accounts that existed when the day ended, and only days not rolled up", async () => {
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
		const past = "2020-01-01T00:00:00.000Z";
		const day = "2099-01-01";
		const due = await customer().statsRollupsDue(
			ctx,
			[
				{ day: "2019-12-31", endsAt: past },
				{ day, endsAt: tomorrow },
			],
			1000,
		);
		expect(due).toContainEqual({ userId, day });
		expect(due.some((d) => d.userId === userId && d.day === "2019-12-31")).toBe(false);
		await customer().storeStatsDay(ctx, userId, day, []);
		const after = await customer().statsRollupsDue(ctx, [{ day, endsAt: tomorrow }], 1000);
		expect(after).not.toContainEqual({ userId, day });
	});
});
