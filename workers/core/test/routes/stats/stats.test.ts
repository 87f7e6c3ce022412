/**
 * GET /stats and GET /stats/export (issue 17; src/routes/stats/stats.ts), through the real app:
 * Core reads recent days from the real Analytics Engine SQL API stand-in (seeded with data points
 * in the Domain Worker's layout) and rolled-up days from D1 through the Customer Worker.
 *
 * - happy: counts per day, lists, roll-ups merged, the CSV export.
 * - error: malformed or missing dates, a range out of order, in the future or too long (400
 *   validation_failed), beyond the plan's `statsDays` or the export without Pro (402
 *   plan_required with the limit), a page that is not the caller's (404), no session (401).
 * - security: Analytics Engine's SQL API has no bind parameters, so the statement Core sends is
 *   text: every hostile value in every query parameter is refused (400) before any statement is
 *   built — the stand-in receives none — and every statement Core does send is scoped to the
 *   caller's own site (`index1`). Without the Analytics Engine secrets in a deployed environment,
 *   or with the SQL API failing, statistics answer `503 unavailable`, never a 500.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { tally } from "@smartpages/testing/security-meta";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/app";
import { account, call, raw, withResources } from "../../support/request";
import { at, daysAgo, point, receivedQueries, seed, today } from "../../support/stats";

describe("happy", () => {
	/** A Pro account with a page and one link, and a second page. */
	async function proSite() {
		const owner = await withResources(await account("pro"), { title: "Stats" });
		const second = await call("POST /pages", { as: owner, body: { title: "Second" } });
		return { ...owner, secondPageId: second.body.page.id };
	}

	describe("GET /stats", () => {
		it("counts views and clicks per day, without bots, other sites or other pages mixed in", async () => {
			const site = await proSite();
			const stranger = await account("pro");
			const [d0, d1, d3] = [daysAgo(0), daysAgo(1), daysAgo(3)];
			const view = (day: string, fields = {}) =>
				point(site.userId, at(day), { pageId: site.pageId, ...fields });
			await seed([
				view(d3, { referrerHost: "instagram.com", device: "mobile", country: "AT" }),
				view(d3, { referrerHost: "instagram.com", device: "mobile", country: "DE" }),
				view(d1, { referrerHost: "t.co", device: "tablet" }),
				view(d1),
				view(d0, { referrerHost: "instagram.com" }),
				view(d0, { bot: true, referrerHost: "crawler.example" }),
				view(d1, { event: "click", linkId: site.linkId }),
				view(d0, { event: "click", linkId: site.linkId }),
				view(d0, { event: "click", linkId: "ln_gone00000000000000000" }),
				view(d0, { event: "click", linkId: site.linkId, bot: true }),
				point(site.userId, at(d0), { pageId: site.secondPageId }),
				point(stranger.userId, at(d0), { pageId: site.pageId }),
			]);

			const res = await call("GET /stats", { as: site, query: { from: daysAgo(6), to: d0 } });
			expect(res.status, res.text).toBe(200);
			const report = res.body;
			expect(report.from).toBe(daysAgo(6));
			expect(report.to).toBe(d0);
			// The whole account: the second page's view counts, the stranger's never.
			expect(report.totals).toEqual({ views: 6, clicks: 3, ctr: 0.5 });
			expect(report.days).toHaveLength(7);
			expect(report.days.find((d) => d.date === d3)).toEqual({ date: d3, views: 2, clicks: 0 });
			expect(report.days.find((d) => d.date === d1)).toEqual({ date: d1, views: 2, clicks: 1 });
			expect(report.days.find((d) => d.date === d0)).toEqual({ date: d0, views: 2, clicks: 2 });
			expect(report.days.map((d) => d.date)).toEqual([...report.days.map((d) => d.date)].sort());
			expect(report.links).toEqual([
				{ linkId: site.linkId, title: "L", clicks: 2 },
				{ linkId: "ln_gone00000000000000000", title: "", clicks: 1 },
			]);
			expect(report.referrers).toEqual([
				{ host: "instagram.com", views: 3 },
				{ host: "", views: 2 },
				{ host: "t.co", views: 1 },
			]);
			expect(report.countries).toEqual([
				{ country: "DE", views: 5 },
				{ country: "AT", views: 1 },
			]);
			expect(report.devices).toEqual([
				{ device: "desktop", views: 3 },
				{ device: "mobile", views: 2 },
				{ device: "tablet", views: 1 },
			]);

			const page = await call("GET /stats", {
				as: site,
				query: { pageId: site.pageId, from: d3, to: d0 },
			});
			expect(page.body.totals).toEqual({ views: 5, clicks: 3, ctr: 0.6 });
			const other = await call("GET /stats", {
				as: site,
				query: { pageId: site.secondPageId, from: d0, to: d0 },
			});
			expect(other.body.totals).toEqual({ views: 1, clicks: 0, ctr: 0 });
		});

		it("answers zeros for every day of a range without visits", async () => {
			const site = await proSite();
			const res = await call("GET /stats", { as: site, query: { from: daysAgo(2), to: today() } });
			expect(res.body).toEqual({
				from: daysAgo(2),
				to: today(),
				totals: { views: 0, clicks: 0, ctr: 0 },
				days: [2, 1, 0].map((n) => ({ date: daysAgo(n), views: 0, clicks: 0 })),
				links: [],
				referrers: [],
				countries: [],
				devices: [],
			});
		});

		it("lets a free account read its last 30 days", async () => {
			const free = await withResources(await account("free"));
			await seed([point(free.userId, at(daysAgo(29)), { pageId: free.pageId })]);
			const res = await call("GET /stats", { as: free, query: { from: daysAgo(29), to: today() } });
			expect(res.status, res.text).toBe(200);
			expect(res.body.totals.views).toBe(1);
		});
	});

	describe("GET /stats/export", () => {
		it("downloads one CSV line per day and combination, spreadsheet formulas defused", async () => {
			const site = await proSite();
			const d1 = daysAgo(1);
			await seed([
				point(site.userId, at(d1), { pageId: site.pageId, referrerHost: "=cmd.example" }),
				point(site.userId, at(d1), { pageId: site.pageId, referrerHost: "=cmd.example" }),
				point(site.userId, at(d1), { pageId: site.pageId, event: "click", linkId: site.linkId }),
			]);
			const res = await call("GET /stats/export", { as: site, query: { from: d1, to: d1 } });
			expect(res.status, res.text).toBe(200);
			expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
			expect(res.headers.get("Content-Disposition")).toBe(
				`attachment; filename="smartpages-stats-${d1}-${d1}.csv"`,
			);
			expect(res.body.split("\r\n")).toEqual([
				"date,page_id,event,link_id,referrer_host,country,device,count",
				`"${d1}","${site.pageId}","click","${site.linkId}","","DE","desktop","1"`,
				`"${d1}","${site.pageId}","view","","'=cmd.example","DE","desktop","2"`,
				"",
			]);
		});
	});
});

describe("error", () => {
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
			const long = await call("GET /stats", {
				as: pro,
				query: { from: daysAgo(400), to: today() },
			});
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
});

describe("security", () => {
	const HOSTILE = [
		"' OR '1'='1",
		"2026-01-01' OR index1 != '",
		"2026-01-01'; DROP TABLE smartpages_stats; --",
		"pg_aaaaaaaaaaaaaaaaaaaa' OR '1'='1",
		"pg_aaaaaaaaaaaaaaaaaaaa\\' OR 1=1 --",
		"pg_aaaaaaaaaaaaaaaaaaaa%27",
		"2026-01-01\u0000",
		"2026-01-01\n UNION SELECT * FROM smartpages_stats",
		"２０２６-０１-０１",
		"2026-01-01 /*",
		"usr_aaaaaaaaaaaaaaaaaaaa') OR ('1'='1",
		"x".repeat(5000),
		"",
		"[]",
		"{}",
		"1",
		"null",
	];

	describe("hostile query parameters", () => {
		it("every hostile value in every parameter is refused before any statement is built", async ({
			task,
		}) => {
			const owner = await withResources(await account("pro"));
			const valid = { pageId: owner.pageId, from: today(), to: today() };
			let cases = 0;
			for (const route of ["GET /stats", "GET /stats/export"] as const) {
				for (const name of ["pageId", "from", "to"] as const) {
					for (const value of HOSTILE) {
						const query: Record<string, string> = { ...valid, [name]: value };
						// The export takes no page id at all: there, a hostile one is refused as unknown.
						if (route === "GET /stats/export" && name !== "pageId") delete query.pageId;
						const res = await call(route, { as: owner, query });
						expect(res.status, `${route} ${name}=${JSON.stringify(value)}`).toBe(400);
						expect(res.error.code).toBe("validation_failed");
						cases += 1;
					}
				}
			}
			// Every statement names the caller's site: none was built for this account.
			expect((await receivedQueries()).filter((q) => q.includes(owner.userId))).toEqual([]);
			tally(task, { inputs: cases });
		});

		it("percent-encoding tricks and raw quotes in the query string are refused as well", async () => {
			const owner = await withResources(await account("pro"));
			for (const search of [
				`from=${today()}%27&to=${today()}`,
				`from=${today()}'--&to=${today()}`,
				`from=${today()}&to=${today()}&pageId=${owner.pageId}%00`,
				`from=${today()}&to=${today()}&pageId=%zz`,
				`from=${today()}&to=${today()}&__proto__=x`,
				`from[]=${today()}&to=${today()}`,
			]) {
				const res = await raw("GET", `/stats?${search}`, { as: owner });
				expect(res.status, search).toBe(400);
			}
			expect((await receivedQueries()).filter((q) => q.includes(owner.userId))).toEqual([]);
		});

		it("every statement Core sends names the caller's site only, counts samples and leaves bots out", async () => {
			const owner = await withResources(await account("pro"));
			const other = await withResources(await account("pro"));
			await seed([point(other.userId, at(today()), { pageId: owner.pageId })]);
			const res = await call("GET /stats", {
				as: owner,
				query: { pageId: owner.pageId, from: daysAgo(3), to: today() },
			});
			expect(res.body.totals.views).toBe(0);
			// Other test files share the stand-in: this account's statements are those naming it.
			const sent = (await receivedQueries()).filter((q) => q.includes(owner.userId));
			expect(sent).toHaveLength(1);
			const sql = sent[0] ?? "";
			expect(sql).toContain(`index1 IN ('${owner.userId}')`);
			expect(sql).toContain(`blob2 = '${owner.pageId}'`);
			expect(sql).toContain("blob7 = '0'");
			expect(sql).toContain("SUM(_sample_interval)");
			expect(sql).not.toContain(other.userId);
		});
	});

	describe("Analytics Engine unreachable or not configured", () => {
		/** GET /stats through an app whose env is changed as given. */
		async function statsWith(changes: Partial<CoreEnv>) {
			const owner = await withResources(await account("pro"));
			vi.spyOn(console, "error").mockImplementation(() => {});
			vi.spyOn(console, "log").mockImplementation(() => {});
			const app = createApp();
			return call("GET /stats", {
				as: owner,
				query: { from: daysAgo(1), to: today() },
				via: async (request) => {
					const ctx = createExecutionContext();
					const answer = await app.fetch(request, { ...env, ...changes }, ctx);
					await waitOnExecutionContext(ctx);
					return answer;
				},
			});
		}

		it("deployed without CF_ACCOUNT_ID and STATS_API_TOKEN: 503, never a request to Cloudflare", async () => {
			const res = await statsWith({ STATS_API_BASE: "https://api.cloudflare.com/client/v4" });
			expect(res.status, res.text).toBe(503);
			expect(res.error.code).toBe("unavailable");
			expect(res.headers.get("Retry-After")).toBe("5");
		});

		it("the SQL API down or answering an error: 503", async () => {
			const down = await statsWith({ STATS_API_BASE: "http://127.0.0.1:9/client/v4" });
			expect(down.status, down.text).toBe(503);
			const wrongPath = await statsWith({
				STATS_API_BASE: `http://127.0.0.1:${env.TEST_CLOUD.stats}/nowhere`,
			});
			expect(wrongPath.status, wrongPath.text).toBe(503);
		});
	});
});
