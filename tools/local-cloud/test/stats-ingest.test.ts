/**
 * The statistics stand-in's ingest side: it stores what the Domain Worker's `writeDataPoint` is
 * given in a table shaped like the Analytics Engine dataset (contracts' names and layout), refuses
 * points outside that layout with a reason, and lets tests read and clear one site's points.
 */
import { STATS_COLUMNS, STATS_DATASET, toDataPoint } from "@smartpages/contracts/stats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StatsStandIn, startStatsStandIn } from "../src/stats-ingest.ts";
import { STATS_BLOBS, STATS_DOUBLES, STATS_TABLE } from "../src/stats-store.ts";

let standIn: StatsStandIn;
let points = "";

beforeAll(async () => {
	standIn = await startStatsStandIn(0);
	points = `http://127.0.0.1:${standIn.port}/_local/datasets/${STATS_DATASET}/points`;
});
afterAll(() => standIn.close());

const view = (siteId: string) =>
	toDataPoint({
		siteId,
		event: "view",
		pageId: "pg_1",
		linkId: "",
		referrerHost: "t.co",
		country: "DE",
		device: "mobile",
		bot: false,
	});

const post = (body: unknown, url = points) =>
	fetch(url, { method: "POST", body: JSON.stringify(body) });

describe("statistics stand-in, ingest", () => {
	it("has the dataset's name and every column contracts' layout uses", () => {
		expect(STATS_TABLE).toBe(STATS_DATASET);
		const columns = (
			standIn.store.db.prepare(`PRAGMA table_info(${STATS_TABLE})`).all() as { name: string }[]
		).map((c) => c.name);
		for (const column of Object.values(STATS_COLUMNS)) expect(columns).toContain(column);
		expect(columns).toEqual(
			expect.arrayContaining(["timestamp", "index1", "double1", "_sample_interval"]),
		);
		const point = view("x");
		expect(point.blobs.length).toBe(STATS_BLOBS);
		expect(point.doubles.length).toBe(STATS_DOUBLES);
	});

	it("stores a data point as the SQL API shows it, and reads one site's back", async () => {
		expect((await post(view("site-a"))).status).toBe(204);
		expect((await post(view("site-b"))).status).toBe(204);
		const res = await fetch(`${points}?index1=site-a`);
		const { points: rows } = (await res.json()) as { points: Record<string, unknown>[] };
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			index1: "site-a",
			blob1: "view",
			blob2: "pg_1",
			blob3: "",
			blob4: "t.co",
			blob5: "DE",
			blob6: "mobile",
			blob7: "0",
			double1: 1,
			_sample_interval: 1,
		});
		expect(rows[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	});

	it("takes a timestamp for tests of past days, and clears one site", async () => {
		await post({ ...view("site-c"), timestamp: "2026-01-02T03:04:05Z" });
		expect(standIn.store.rows("site-c").map((r) => r.timestamp)).toEqual(["2026-01-02 03:04:05"]);
		expect((await fetch(`${points}?index1=site-c`, { method: "DELETE" })).status).toBe(204);
		expect(standIn.store.rows("site-c")).toEqual([]);
		expect(standIn.store.rows("site-a")).toHaveLength(1);
	});

	it("refuses points outside the layout with a reason, and stores nothing", async () => {
		const before = standIn.store.rows().length;
		for (const bad of [
			null,
			"text",
			{ blobs: ["view"] },
			{ indexes: [1], blobs: [] },
			{ indexes: ["a", "b"] },
			{ indexes: ["x".repeat(97)] },
			{ indexes: ["a"], blobs: Array(8).fill("b") },
			{ indexes: ["a"], blobs: [1] },
			{ indexes: ["a"], doubles: [1, 2] },
			{ indexes: ["a"], doubles: ["1"] },
			{ indexes: ["a"], timestamp: "yesterday" },
		]) {
			const res = await post(bad);
			expect(res.status, JSON.stringify(bad)).toBe(400);
			expect(((await res.json()) as { error: string }).error).toBeTruthy();
		}
		expect(standIn.store.rows()).toHaveLength(before);
	});

	it("knows only the one dataset; other paths are left to the SQL API side (404 without it)", async () => {
		const other = points.replace(STATS_DATASET, "other_dataset");
		expect((await post(view("x"), other)).status).toBe(404);
		const unknown = await fetch(`http://127.0.0.1:${standIn.port}/sql`);
		expect(unknown.status).toBe(404);
	});
});
