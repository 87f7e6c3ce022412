/**
 * The statistics stand-in's storage (issue 17.6): one SQLite table shaped like the Analytics
 * Engine dataset as its SQL API shows it — `timestamp`, `index1`, `blob1…blob7`, `double1`,
 * `_sample_interval` — under the dataset's own name, so Core's SQL runs against it unchanged where
 * SQLite and Analytics Engine agree. The ingest side (stats-ingest.ts) appends the Domain Worker's
 * data points (`append`, or `insert` for a row already laid out); the SQL API side (stats.ts) only
 * reads, through `select` (one read-only SELECT, run unchanged).
 *
 * Names and widths here follow contracts/src/stats.ts (STATS_DATASET, STATS_COLUMNS); a test
 * compares them, since this package runs under plain Node and keeps no dependency on contracts.
 */
import { DatabaseSync } from "node:sqlite";

/** The dataset (Analytics Engine's "table"): contracts' STATS_DATASET. */
export const STATS_TABLE = "smartpages_stats";
/** How many blobs and doubles a data point of our layout has (contracts' toDataPoint). */
export const STATS_BLOBS = 7;
export const STATS_DOUBLES = 1;

/**
 * The table as Analytics Engine's SQL API presents it. `timestamp` is UTC text in the SQL API's own
 * output format, "YYYY-MM-DD HH:MM:SS", which sorts and compares as time; `_sample_interval` is
 * always 1 (nothing is sampled locally), so `SUM(_sample_interval)` counts rows, as in production.
 */
export const STATS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS ${STATS_TABLE} (
	timestamp TEXT NOT NULL,
	index1 TEXT NOT NULL,
	blob1 TEXT NOT NULL DEFAULT '',
	blob2 TEXT NOT NULL DEFAULT '',
	blob3 TEXT NOT NULL DEFAULT '',
	blob4 TEXT NOT NULL DEFAULT '',
	blob5 TEXT NOT NULL DEFAULT '',
	blob6 TEXT NOT NULL DEFAULT '',
	blob7 TEXT NOT NULL DEFAULT '',
	double1 REAL NOT NULL DEFAULT 0,
	_sample_interval INTEGER NOT NULL DEFAULT 1
)`;

export interface StatsRow {
	timestamp: string;
	index1: string;
	blob1: string;
	blob2: string;
	blob3: string;
	blob4: string;
	blob5: string;
	blob6: string;
	blob7: string;
	double1: number;
	_sample_interval: number;
}

/** One stored data point, as Analytics Engine lays it out (the SQL API side's seeding form). */
export interface StoredPoint {
	timestamp: string;
	index1: string;
	blobs: string[];
	double1: number;
	sampleInterval: number;
}

/** A data point as `writeDataPoint` takes it (strings only: the layout has no binary blobs). */
export interface StatsDataPoint {
	indexes: [string];
	blobs: string[];
	doubles: number[];
}

export interface StatsStore {
	/** The SQLite database holding STATS_TABLE. */
	readonly db: DatabaseSync;
	/** The dataset's table name (STATS_TABLE). */
	readonly table: string;
	/** Appends one data point at `at` (default now). */
	append(point: StatsDataPoint, at?: Date): StatsRow;
	/** Stores one row already laid out (timestamp in the stored form). */
	insert(point: StoredPoint): void;
	/** Runs one read-only SELECT; rows as objects in column order. */
	select(sql: string): { columns: string[]; rows: Record<string, unknown>[] };
	/** Every row, oldest first; only `index1`'s when given. */
	rows(index1?: string): StatsRow[];
	/** Forgets every row (or `index1`'s). */
	clear(index1?: string): void;
	close(): void;
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, as Analytics Engine's SQL API writes timestamps. */
export function sqlTimestamp(at: Date): string {
	return at.toISOString().slice(0, 19).replace("T", " ");
}

/** The read side's name for `sqlTimestamp`. */
export const toStoredTimestamp = sqlTimestamp;

/** The read side's name for an in-memory `openStatsStore`. */
export function createStatsStore(): StatsStore {
	return openStatsStore();
}

/** Opens (creating if needed) the store in `path`; ":memory:" keeps it for this process only. */
export function openStatsStore(path = ":memory:"): StatsStore {
	const db = new DatabaseSync(path);
	db.exec(STATS_TABLE_SQL);
	const insert = db.prepare(
		`INSERT INTO ${STATS_TABLE} (timestamp, index1, blob1, blob2, blob3, blob4, blob5, blob6, blob7, double1, _sample_interval)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
	);
	const insertRow = db.prepare(
		`INSERT INTO ${STATS_TABLE} (timestamp, index1, blob1, blob2, blob3, blob4, blob5, blob6, blob7, double1, _sample_interval)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	);
	const all = db.prepare(`SELECT * FROM ${STATS_TABLE} ORDER BY timestamp, rowid`);
	const ofIndex = db.prepare(
		`SELECT * FROM ${STATS_TABLE} WHERE index1 = ? ORDER BY timestamp, rowid`,
	);
	return {
		db,
		table: STATS_TABLE,
		append(point, at = new Date()) {
			const blobs = Array.from({ length: STATS_BLOBS }, (_, i) => point.blobs[i] ?? "");
			const row: StatsRow = {
				timestamp: sqlTimestamp(at),
				index1: point.indexes[0],
				blob1: blobs[0] ?? "",
				blob2: blobs[1] ?? "",
				blob3: blobs[2] ?? "",
				blob4: blobs[3] ?? "",
				blob5: blobs[4] ?? "",
				blob6: blobs[5] ?? "",
				blob7: blobs[6] ?? "",
				double1: point.doubles[0] ?? 0,
				_sample_interval: 1,
			};
			insert.run(row.timestamp, row.index1, ...blobs, row.double1);
			return row;
		},
		insert(point) {
			const blobs = Array.from({ length: STATS_BLOBS }, (_, i) => point.blobs[i] ?? "");
			insertRow.run(point.timestamp, point.index1, ...blobs, point.double1, point.sampleInterval);
		},
		select(sql) {
			const statement = db.prepare(sql);
			const columns = statement.columns().map((c) => c.name);
			const rows = statement.all() as Record<string, unknown>[];
			return { columns, rows };
		},
		rows(index1) {
			const found = index1 === undefined ? all.all() : ofIndex.all(index1);
			return found.map(toRow);
		},
		clear(index1) {
			if (index1 === undefined) db.exec(`DELETE FROM ${STATS_TABLE}`);
			else db.prepare(`DELETE FROM ${STATS_TABLE} WHERE index1 = ?`).run(index1);
		},
		close() {
			db.close();
		},
	};
}

function toRow(record: Record<string, unknown>): StatsRow {
	const text = (key: string) => String(record[key] ?? "");
	return {
		timestamp: text("timestamp"),
		index1: text("index1"),
		blob1: text("blob1"),
		blob2: text("blob2"),
		blob3: text("blob3"),
		blob4: text("blob4"),
		blob5: text("blob5"),
		blob6: text("blob6"),
		blob7: text("blob7"),
		double1: Number(record.double1 ?? 0),
		_sample_interval: Number(record._sample_interval ?? 1),
	};
}
