/**
 * Every hot query is served by an index: EXPLAIN QUERY PLAN on the real schema shows no full
 * table scan.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FULL_SCAN, HOT_QUERIES, INDEX_USE } from "./hot-queries";

describe("query plans", () => {
	it.each(HOT_QUERIES)("%s uses an index", async (_name, sql, params) => {
		const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
			.bind(...params)
			.all<{ detail: string }>();
		const plan = results.map((r) => r.detail).join(" | ");
		expect(plan, plan).not.toMatch(FULL_SCAN);
		expect(plan, plan).toMatch(INDEX_USE);
	});
});
