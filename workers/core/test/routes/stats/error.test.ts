/**
 * GET /stats and GET /stats/export refusing what they must (issue 17): malformed or missing
 * dates, a range out of order, in the future or too long (400 validation_failed), beyond the
 * plan's `statsDays` or the export without Pro (402 plan_required with the limit), a page that
 * is not the caller's (404, as if it did not exist), no session (401).
 */
import { describe, expect, it } from "vitest";
import { account, call, raw, withResources } from "../../support/request";
import { daysAgo, today } from "../../support/stats";

describe("GET /stats refuses", () => {
	it.each([
		["no dates", {}],
		["no from", { to: "2026-01-01" }],
		["a date that is no day", { from: "2026-02-30", to: "2026-03-01" }],
		["a date with a time", { from: "2026-01-01T00:00:00Z", to: "2026-01-02" }],
		["a date in another format", { from: "01.01.2026", to: "2026-01-02" }],
		["an unknown parameter", { from: "2026-01-01", to: "2026-01-02", pageid: "pg_x" }],
		["a malformed page id", { from: "2026-01-01", to: "2026-01-02", pageId: "not-an-id" }],
	])("%s with 400", async (_, query) => {
		const owner = await account("pro");
		const res = await call("GET /stats", { as: owner, query });
		expect(res.status, res.text).toBe(400);
		expect(res.error.code).toBe("validation_failed");
	});

	it("a range that ends before it begins, or in the future, with 400", async () => {
		const owner = await account("pro");
		const backwards = await call("GET /stats", {
			as: owner,
			query: { from: today(), to: daysAgo(1) },
		});
		expect(backwards.status).toBe(400);
		expect(backwards.error.fields).toEqual({ to: "must not be before from" });
		const future = await call("GET /stats", {
			as: owner,
			query: { from: today(), to: daysAgo(-1) },
		});
		expect(future.status).toBe(400);
		expect(future.error.fields).toEqual({ to: "must not be after today" });
		const decades = await call("GET /stats", {
			as: owner,
			query: { from: "1990-01-01", to: today() },
		});
		expect(decades.status).toBe(400);
	});

	it("a parameter given twice with 400 (never first or last wins)", async () => {
		const owner = await account("pro");
		const res = await raw("GET", `/stats?from=${today()}&to=${today()}&from=${daysAgo(1)}`, {
			as: owner,
		});
		expect(res.status).toBe(400);
		expect(res.error.fields).toEqual({ from: "must be given once" });
	});

	it("a free account's range beyond 30 days with 402 and the plan's limit", async () => {
		const free = await account("free");
		const res = await call("GET /stats", { as: free, query: { from: daysAgo(30), to: today() } });
		expect(res.status, res.text).toBe(402);
		expect(res.error.code).toBe("plan_required");
		expect(res.error.limit).toEqual({ name: "statsDays", max: 30, plan: "free" });
		// Pro reaches back as far as the account goes.
		const pro = await account("pro");
		const long = await call("GET /stats", { as: pro, query: { from: daysAgo(400), to: today() } });
		expect(long.status, long.text).toBe(200);
		expect(long.body.days).toHaveLength(401);
	});

	it("another account's page, or a page that does not exist, with 404", async () => {
		const owner = await withResources(await account("pro"));
		const other = await account("pro");
		for (const pageId of [owner.pageId, "pg_aaaaaaaaaaaaaaaaaaaa"]) {
			const res = await call("GET /stats", {
				as: other,
				query: { pageId, from: today(), to: today() },
			});
			expect(res.status, res.text).toBe(404);
			expect(res.error.code).toBe("not_found");
		}
	});

	it("without a session with 401", async () => {
		const res = await call("GET /stats", { query: { from: today(), to: today() } });
		expect(res.status).toBe(401);
	});
});

describe("GET /stats/export refuses", () => {
	it("a free account with 402 (the export is Pro's)", async () => {
		const free = await account("free");
		const res = await call("GET /stats/export", {
			as: free,
			query: { from: today(), to: today() },
		});
		expect(res.status).toBe(402);
		expect(res.error.limit).toEqual({ name: "statsExport", max: 0, plan: "free" });
	});

	it("a page id (the export is the whole account's) and bad dates with 400", async () => {
		const owner = await withResources(await account("pro"));
		for (const query of [
			{ from: today(), to: today(), pageId: owner.pageId } as Record<string, string>,
			{ from: today(), to: daysAgo(1) },
			{ from: "yesterday", to: today() },
		]) {
			const res = await call("GET /stats/export", { as: owner, query });
			expect(res.status, res.text).toBe(400);
		}
	});
});
