/**
 * The statistics stand-in answers Analytics Engine's SQL API (issue 17): `FORMAT JSON` answers
 * `{meta, data, rows}` for a statement of the shape Core sends (a CASE day label over timestamp
 * literals, `SUM(_sample_interval)`, scoped by `index1`); anything but one SELECT is refused, as
 * the real API refuses it. Core's own statement is run against the stand-in by Core's tests
 * (workers/core/test/stats/sql.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDataPoint } from "../../../packages/contracts/src/stats.ts";
import { startStats } from "../src/stats.ts";
import { toStoredTimestamp } from "../src/stats-store.ts";

const SITE = "usr_aaaaaaaaaaaaaaaaaaaa";
const OTHER = "usr_bbbbbbbbbbbbbbbbbbbb";
const PAGE = "pg_cccccccccccccccccccc";

let stats: Awaited<ReturnType<typeof startStats>>;
let base = "";

beforeAll(async () => {
	stats = await startStats(0);
	base = `http://127.0.0.1:${stats.port}`;
});
afterAll(() => stats.close());

function store(
	siteId: string,
	iso: string,
	fields: { bot?: boolean; event?: "view" | "click" } = {},
) {
	const laid = toDataPoint({
		siteId,
		event: fields.event ?? "view",
		pageId: PAGE,
		linkId: fields.event === "click" ? "ln_dddddddddddddddddddd" : "",
		referrerHost: "",
		country: "DE",
		device: "mobile",
		bot: fields.bot ?? false,
	});
	stats.store.insert({
		timestamp: toStoredTimestamp(new Date(iso)),
		index1: laid.indexes[0],
		blobs: laid.blobs,
		double1: laid.doubles[0],
		sampleInterval: 1,
	});
}

async function sql(text: string) {
	const res = await fetch(`${base}/client/v4/accounts/local/analytics_engine/sql`, {
		method: "POST",
		headers: { Authorization: "Bearer local" },
		body: text,
	});
	return { status: res.status, text: await res.text() };
}

describe("the statistics stand-in's SQL API", () => {
	it("runs a statement of Core's shape: days by their bounds, without bots or other sites", async () => {
		// 29 March 2026: clocks go forward in Berlin (a 23-hour day).
		store(SITE, "2026-03-28T22:59:59Z"); // 23:59:59 CET on the 28th
		store(SITE, "2026-03-28T23:00:00Z"); // 00:00 CET on the 29th
		store(SITE, "2026-03-29T21:59:59Z"); // 23:59:59 CEST on the 29th
		store(SITE, "2026-03-29T22:00:00Z"); // 00:00 CEST on the 30th
		store(SITE, "2026-03-29T22:00:00Z", { event: "click" });
		store(SITE, "2026-03-29T12:00:00Z", { bot: true });
		store(OTHER, "2026-03-29T12:00:00Z");
		const res = await sql(
			[
				"SELECT index1 AS site_id, CASE WHEN timestamp < '2026-03-29 22:00:00' THEN '2026-03-29' ELSE '2026-03-30' END AS day_key,",
				"blob1 AS event, blob2 AS page_id, blob3 AS link_id, blob4 AS referrer_host, blob5 AS country,",
				"blob6 AS device, SUM(_sample_interval) AS hits FROM smartpages_stats",
				`WHERE index1 IN ('${SITE}') AND blob7 = '0' AND timestamp >= '2026-03-28 23:00:00'`,
				`AND timestamp < '2026-03-30 22:00:00' AND blob2 = '${PAGE}'`,
				"GROUP BY site_id, day_key, event, page_id, link_id, referrer_host, country, device",
				"FORMAT JSON",
			].join("\n"),
		);
		expect(res.status, res.text).toBe(200);
		const body = JSON.parse(res.text) as {
			meta: { name: string }[];
			data: Record<string, unknown>[];
			rows: number;
		};
		expect(body.meta.map((m) => m.name)).toEqual([
			"site_id",
			"day_key",
			"event",
			"page_id",
			"link_id",
			"referrer_host",
			"country",
			"device",
			"hits",
		]);
		const summary = body.data.map((r) => `${r.site_id} ${r.day_key} ${r.event} ${r.hits}`).sort();
		expect(summary).toEqual([
			`${SITE} 2026-03-29 view 2`,
			`${SITE} 2026-03-30 click 1`,
			`${SITE} 2026-03-30 view 1`,
		]);
		expect(body.rows).toBe(3);
	});

	it.each([
		"DELETE FROM smartpages_stats",
		"SELECT 1; DROP TABLE smartpages_stats",
		"INSERT INTO smartpages_stats (timestamp, index1) VALUES ('x', 'y')",
		"SELECT * FROM smartpages_stats FORMAT CSV",
		"SELECT nonsense FROM nowhere",
	])("refuses %s", async (text) => {
		const res = await sql(text);
		expect(res.status).toBe(422);
		// The table is still there and unchanged in shape.
		expect((await sql("SELECT COUNT(*) AS n FROM smartpages_stats FORMAT JSON")).status).toBe(200);
	});
});

describe("one stand-in for both sides", () => {
	it("answers the SQL API with the data points the ingest route received, on the same port", async () => {
		const site = "st_eeeeeeeeeeeeeeeeeeee";
		const laid = toDataPoint({
			siteId: site,
			event: "view",
			pageId: PAGE,
			linkId: "",
			referrerHost: "example.org",
			country: "DE",
			device: "desktop",
			bot: false,
		});
		const posted = await fetch(`${base}/_local/datasets/smartpages_stats/points`, {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify(laid),
		});
		expect(posted.status).toBe(204);
		const answer = await sql(
			`SELECT SUM(_sample_interval) AS n FROM smartpages_stats WHERE index1 = '${site}' FORMAT JSON`,
		);
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.text).data).toEqual([{ n: 1 }]);
	});
});
