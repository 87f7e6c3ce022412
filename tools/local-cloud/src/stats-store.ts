/**
 * The statistics stand-in's storage (issue 17): one SQLite table (`node:sqlite`, in memory)
 * named like the Analytics Engine dataset, with Analytics Engine's SQL API columns exactly —
 * `timestamp`, `index1`, `blob1…blob7`, `double1`, `_sample_interval` — so the SQL Core sends to
 * Analytics Engine runs here unchanged. The ingest side (the local Domain Worker's data points)
 * writes rows; the SQL API side (./stats.ts) only reads.
 *
 * `timestamp` is UTC as `YYYY-MM-DD HH:MM:SS`, the form Analytics Engine's SQL API prints and
 * compares with string literals, so `timestamp >= '2026-12-01 23:00:00'` means the same in both.
 */
import { DatabaseSync } from "node:sqlite";
import { STATS_DATASET } from "../../../packages/contracts/src/stats.ts";

/** One stored data point, as Analytics Engine lays it out. */
export interface StoredPoint {
	timestamp: string;
	index1: string;
	blobs: string[];
	double1: number;
	sampleInterval: number;
}

export interface StatsStore {
	/** The dataset's table name (`STATS_DATASET`). */
	readonly table: string;
	insert(point: StoredPoint): void;
	/** Runs one read-only SELECT; rows as objects in column order. */
	select(sql: string): { columns: string[]; rows: Record<string, unknown>[] };
	close(): void;
}

/** `Date` → `YYYY-MM-DD HH:MM:SS` (UTC), the stored form of `timestamp`. */
export function toStoredTimestamp(date: Date): string {
	return date.toISOString().slice(0, 19).replace("T", " ");
}

export function createStatsStore(): StatsStore {
	const db = new DatabaseSync(":memory:");
	const table = STATS_DATASET;
	db.exec(`CREATE TABLE ${table} (
		timestamp TEXT NOT NULL,
		index1 TEXT NOT NULL,
		blob1 TEXT NOT NULL DEFAULT '', blob2 TEXT NOT NULL DEFAULT '', blob3 TEXT NOT NULL DEFAULT '',
		blob4 TEXT NOT NULL DEFAULT '', blob5 TEXT NOT NULL DEFAULT '', blob6 TEXT NOT NULL DEFAULT '',
		blob7 TEXT NOT NULL DEFAULT '',
		double1 REAL NOT NULL DEFAULT 0,
		_sample_interval INTEGER NOT NULL DEFAULT 1
	)`);
	const insert = db.prepare(
		`INSERT INTO ${table} (timestamp, index1, blob1, blob2, blob3, blob4, blob5, blob6, blob7, double1, _sample_interval)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	);
	return {
		table,
		insert(point) {
			const blobs = Array.from({ length: 7 }, (_, i) => point.blobs[i] ?? "");
			insert.run(point.timestamp, point.index1, ...blobs, point.double1, point.sampleInterval);
		},
		select(sql) {
			const statement = db.prepare(sql);
			const columns = statement.columns().map((c) => c.name);
			const rows = statement.all() as Record<string, unknown>[];
			return { columns, rows };
		},
		close() {
			db.close();
		},
	};
}
