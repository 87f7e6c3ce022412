/**
 * The statistics stand-in's ingest side (issue 17.6), on the stand-in's port (12113 in
 * `npm run dev`). Analytics Engine has no HTTP write API — a Worker writes through its binding — so
 * locally tools/stack swaps the Domain Worker's dataset binding for a tiny forwarding worker whose
 * `writeDataPoint` posts here; miniflare's own binding would drop every write.
 *
 *   POST   /_local/datasets/{dataset}/points   one data point as `writeDataPoint` takes it
 *                                              ({indexes, blobs, doubles}; optional `timestamp`,
 *                                              ISO 8601, for tests of past days) → 204
 *   GET    /_local/datasets/{dataset}/points   → {points: rows oldest first} (`?index1=` one site)
 *   DELETE /_local/datasets/{dataset}/points   forgets them (`?index1=` one site) → 204
 *
 * A point outside the layout (more blobs than the table has, a non-string blob, no index) is a 400
 * with the reason, so a layout change that outgrows the stand-in fails loudly. The SQL API side
 * (stats.ts) is served on the same port: `startStatsStandIn` takes its handler.
 */
import { type Handler, listen, type RunningServer, readJson, sendJson } from "./http.ts";
import {
	openStatsStore,
	STATS_BLOBS,
	STATS_DOUBLES,
	STATS_TABLE,
	type StatsDataPoint,
	type StatsStore,
} from "./stats-store.ts";

const POINTS = /^\/_local\/datasets\/([^/]+)\/points$/;

/** Handles the ingest routes; answers false for any other path (the SQL API side's). */
export type StatsRoute = (...args: Parameters<Handler>) => Promise<boolean>;

export function statsIngest(store: StatsStore): StatsRoute {
	return async (req, res, url) => {
		const match = POINTS.exec(url.pathname);
		if (!match) return false;
		if (match[1] !== STATS_TABLE) {
			sendJson(res, 404, { error: `no dataset ${match[1]} (only ${STATS_TABLE})` });
			return true;
		}
		const index1 = url.searchParams.get("index1") ?? undefined;
		if (req.method === "GET") {
			sendJson(res, 200, { points: store.rows(index1) });
			return true;
		}
		if (req.method === "DELETE") {
			store.clear(index1);
			res.writeHead(204).end();
			return true;
		}
		if (req.method !== "POST") {
			sendJson(res, 405, { error: "GET, POST or DELETE" });
			return true;
		}
		const parsed = parsePoint(await readJson(req));
		if (typeof parsed === "string") {
			sendJson(res, 400, { error: parsed });
			return true;
		}
		store.append(parsed.point, parsed.at);
		res.writeHead(204).end();
		return true;
	};
}

/** The point and its time, or why it does not fit the table. */
export function parsePoint(body: unknown): { point: StatsDataPoint; at: Date } | string {
	if (typeof body !== "object" || body === null) return "the body must be a JSON object";
	const { indexes, blobs = [], doubles = [], timestamp } = body as Record<string, unknown>;
	if (!Array.isArray(indexes) || indexes.length !== 1 || typeof indexes[0] !== "string") {
		return "indexes must be one string";
	}
	if (new TextEncoder().encode(indexes[0]).byteLength > 96) return "the index is over 96 bytes";
	if (!Array.isArray(blobs) || blobs.length > STATS_BLOBS) {
		return `blobs must be an array of at most ${STATS_BLOBS}`;
	}
	if (!blobs.every((b): b is string => typeof b === "string")) return "every blob must be a string";
	if (!Array.isArray(doubles) || doubles.length > STATS_DOUBLES) {
		return `doubles must be an array of at most ${STATS_DOUBLES}`;
	}
	if (!doubles.every((d): d is number => typeof d === "number" && Number.isFinite(d))) {
		return "every double must be a finite number";
	}
	let at = new Date();
	if (timestamp !== undefined) {
		at = new Date(typeof timestamp === "string" ? timestamp : Number.NaN);
		if (Number.isNaN(at.getTime())) return "timestamp must be an ISO 8601 date";
	}
	return { point: { indexes: [indexes[0]], blobs, doubles }, at };
}

export interface StatsStandIn extends RunningServer {
	store: StatsStore;
}

/**
 * Serves the stand-in on `port`: the ingest routes, then `query` (the SQL API side, stats.ts's
 * `statsQuery`, given the same store) for anything else; without it, other paths are 404. `path`
 * is the SQLite file (":memory:" by default). One server, one store: the points the Domain Worker
 * writes are the rows Core's SQL reads.
 */
export async function startStatsStandIn(
	port: number,
	options: { path?: string; query?: (store: StatsStore) => Handler } = {},
): Promise<StatsStandIn> {
	const store = openStatsStore(options.path);
	const ingest = statsIngest(store);
	const query = options.query?.(store);
	const server = await listen(port, async (req, res, url) => {
		if (await ingest(req, res, url)) return;
		if (query) return query(req, res, url);
		sendJson(res, 404, { error: "not found" });
	});
	return {
		port: server.port,
		store,
		close: async () => {
			await server.close();
			store.close();
		},
	};
}
