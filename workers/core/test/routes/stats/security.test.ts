/**
 * GET /stats and GET /stats/export against hostile input (issue 17). Analytics Engine's SQL API
 * has no bind parameters, so the statement Core sends is text: every hostile value in every query
 * parameter must be refused (400) before any statement is built — the stand-in receives none —
 * and every statement Core does send is scoped to the caller's own site (`index1`). Without the
 * Analytics Engine secrets in a deployed environment, or with the SQL API failing, statistics
 * answer `503 unavailable`, never a 500.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { tally } from "@smartpages/testing/security-meta";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/app";
import { account, call, raw, withResources } from "../../support/request";
import { at, daysAgo, point, receivedQueries, seed, today } from "../../support/stats";

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
