/**
 * The statistics stand-in's SQL API side (issue 17), on port 12113: answers
 * `POST /client/v4/accounts/{account_id}/analytics_engine/sql` as Workers Analytics Engine's SQL
 * API does — the query is the request body as plain text, a trailing `FORMAT JSON` picks the
 * answer `{meta: [{name, type}], data: [rows], rows, rows_before_limit_at_least}`, a query it
 * cannot run is an error status with the reason as text — by running the SQL in SQLite against
 * ./stats-store.ts's table. Only one read-only SELECT is accepted, as the real API accepts only
 * SELECT (and SHOW). Core's SQL is kept to what both dialects understand (core/src/stats/sql.ts),
 * so a query that works here is a query Analytics Engine accepts, not a translation of it.
 *
 * Tests seed data points with `POST /_dev/stats/points {points: [{timestamp, point}]}`, where
 * `point` is a `StatsPoint` laid out by `toDataPoint` (the Domain Worker's own layout), and read
 * the statements received (newest last, at most 1000) with `GET /_dev/stats/queries`. It is served
 * on the same port and store as the ingest side (stats-ingest.ts's `startStatsStandIn`).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type StatsPoint, toDataPoint } from "../../../packages/contracts/src/stats.ts";
import { type Handler, readBody, readJson, sendJson } from "./http.ts";
import { type StatsStandIn, startStatsStandIn } from "./stats-ingest.ts";
import { type StatsStore, toStoredTimestamp } from "./stats-store.ts";

/** Statements kept for `GET /_dev/stats/queries`. */
const QUERY_LOG = 1000;

const SQL_PATH = /^\/client\/v4\/accounts\/([^/]+)\/analytics_engine\/sql$/;

/** ClickHouse-like type names for `meta`, from the JavaScript values SQLite gave back. */
function typeOf(value: unknown): string {
	if (typeof value === "number") return Number.isInteger(value) ? "UInt64" : "Float64";
	if (typeof value === "bigint") return "UInt64";
	return "String";
}

/** Why `sql` is refused before it runs, or null: one SELECT, nothing else. */
function refusal(sql: string): string | null {
	if (!/^\s*SELECT\b/i.test(sql)) return "only SELECT statements are supported";
	if (sql.includes(";")) return "multiple statements are not supported";
	return null;
}

/**
 * Answers one SQL API request. The stand-in does not check the token (as the Stripe stand-in
 * does not check keys); Core sends one only when it has it.
 */
export async function answerSql(
	store: StatsStore,
	req: IncomingMessage,
	res: ServerResponse,
	received: string[] = [],
): Promise<void> {
	const body = (await readBody(req)).trim();
	received.push(body);
	if (received.length > QUERY_LOG) received.shift();
	const format = /\s+FORMAT\s+(\w+)\s*$/i.exec(body);
	if (format && format[1]?.toUpperCase() !== "JSON") {
		res
			.writeHead(422, { "Content-Type": "text/plain" })
			.end("the stand-in answers FORMAT JSON only");
		return;
	}
	const sql = format ? body.slice(0, format.index) : body;
	const refused = refusal(sql);
	if (refused) {
		res.writeHead(422, { "Content-Type": "text/plain" }).end(refused);
		return;
	}
	let result: ReturnType<StatsStore["select"]>;
	try {
		result = store.select(sql);
	} catch (error) {
		res.writeHead(422, { "Content-Type": "text/plain" }).end(String(error));
		return;
	}
	const first = result.rows[0] ?? {};
	sendJson(res, 200, {
		meta: result.columns.map((name) => ({ name, type: typeOf(first[name]) })),
		data: result.rows,
		rows: result.rows.length,
		rows_before_limit_at_least: result.rows.length,
	});
}

/** Stores seeded data points (`POST /_dev/stats/points`); false when the body is not valid. */
function seed(store: StatsStore, body: unknown): boolean {
	const points = (body as { points?: unknown } | null)?.points;
	if (!Array.isArray(points)) return false;
	const rows: { timestamp: Date; point: StatsPoint }[] = [];
	for (const entry of points) {
		const { timestamp, point } = (entry ?? {}) as { timestamp?: unknown; point?: StatsPoint };
		const at = new Date(typeof timestamp === "string" ? timestamp : Number.NaN);
		if (Number.isNaN(at.getTime()) || typeof point !== "object" || point === null) return false;
		rows.push({ timestamp: at, point });
	}
	for (const { timestamp, point } of rows) {
		const laid = toDataPoint(point);
		store.insert({
			timestamp: toStoredTimestamp(timestamp),
			index1: laid.indexes[0],
			blobs: laid.blobs,
			double1: laid.doubles[0],
			sampleInterval: 1,
		});
	}
	return true;
}

/**
 * The SQL API and the seeding route of the stand-in; true when `url` was one of them (so a
 * server that also receives the Domain Worker's data points can route the rest itself).
 */
export async function routeStatsQuery(
	store: StatsStore,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	received: string[] = [],
): Promise<boolean> {
	if (req.method === "POST" && SQL_PATH.test(url.pathname)) {
		await answerSql(store, req, res, received);
		return true;
	}
	if (req.method === "GET" && url.pathname === "/_dev/stats/queries") {
		sendJson(res, 200, { queries: received });
		return true;
	}
	if (req.method === "POST" && url.pathname === "/_dev/stats/points") {
		if (seed(store, await readJson(req))) sendJson(res, 200, { ok: true });
		else sendJson(res, 400, { error: "points must be [{timestamp, point}]" });
		return true;
	}
	return false;
}

/**
 * The SQL API side as one handler over `store`, for `startStatsStandIn`'s `query`: the SQL API
 * and seeding routes, 404 for anything else. Keeps its own log of the statements received.
 */
export function statsQuery(store: StatsStore): Handler {
	const received: string[] = [];
	return async (req, res, url) => {
		if (await routeStatsQuery(store, req, res, url, received)) return;
		sendJson(res, 404, { error: "not found" });
	};
}

/**
 * Starts the whole statistics stand-in (ingest and SQL API on one port, one store), as
 * local-cloud's `startLocalCloud` does; `path` is the SQLite file (in memory when absent).
 */
export function startStats(port: number, options: { path?: string } = {}): Promise<StatsStandIn> {
	return startStatsStandIn(port, { path: options.path, query: statsQuery });
}
