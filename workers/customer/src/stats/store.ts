/**
 * The statistics roll-ups (issue 17): all SQL on `stats_daily` (one row per site, day and
 * combination of page, event, link, referrer host, country and device) and `stats_rollups` (which
 * days of a site are rolled up). Days are `YYYY-MM-DD` in the account's time zone, as Core
 * computed them; rows are only ever added with their day's marker, in one batch.
 */
import type { StatsFact } from "@smartpages/contracts";
import type { SqlCondition } from "../lib/sql";

interface FactRow {
	day: string;
	page_id: string;
	event: StatsFact["event"];
	link_id: string;
	referrer_host: string;
	country: string;
	device: StatsFact["device"];
	count: number;
}

function toFact(row: FactRow): StatsFact {
	return {
		date: row.day,
		event: row.event,
		pageId: row.page_id,
		linkId: row.link_id,
		referrerHost: row.referrer_host,
		country: row.country,
		device: row.device,
		count: row.count,
	};
}

/** The rolled-up days of the account within [from, to], as a statement for a batch. */
export function rolledUpDaysStatement(
	db: D1Database,
	userId: string,
	from: string,
	to: string,
): D1PreparedStatement {
	return db
		.prepare(
			"SELECT day FROM stats_rollups WHERE user_id = ? AND day >= ? AND day <= ? ORDER BY day",
		)
		.bind(userId, from, to);
}

/** The account's rolled-up lines within [from, to], of one page when given, for a batch. */
export function factsStatement(
	db: D1Database,
	userId: string,
	from: string,
	to: string,
	pageId: string | undefined,
): D1PreparedStatement {
	const columns = "day, page_id, event, link_id, referrer_host, country, device, count";
	return pageId === undefined
		? db
				.prepare(
					`SELECT ${columns} FROM stats_daily WHERE user_id = ? AND day >= ? AND day <= ? ORDER BY day`,
				)
				.bind(userId, from, to)
		: db
				.prepare(
					`SELECT ${columns} FROM stats_daily WHERE user_id = ? AND day >= ? AND day <= ? AND page_id = ? ORDER BY day`,
				)
				.bind(userId, from, to, pageId);
}

export function rolledUpDaysOf(result: D1Result | undefined): string[] {
	return ((result?.results ?? []) as { day: string }[]).map((r) => r.day);
}

export function factsOf(result: D1Result | undefined): StatsFact[] {
	return ((result?.results ?? []) as FactRow[]).map(toFact);
}

/** Holds for an account (`users.id`) whose `day` is not rolled up yet. */
export function dayNotRolledUp(day: string): SqlCondition {
	return {
		sql: "NOT EXISTS (SELECT 1 FROM stats_rollups WHERE stats_rollups.user_id = users.id AND stats_rollups.day = ?)",
		params: [day],
	};
}

/**
 * Stores one day of one account, once: every line is inserted only while the day has no marker,
 * and the marker last, all in one batch (one transaction). A second run, or two cron runs at
 * once, therefore change nothing; `exists` (the account, from the users store) keeps a deleted
 * account from getting rows back. True when this call wrote the day.
 */
export async function insertDay(
	db: D1Database,
	userId: string,
	day: string,
	facts: StatsFact[],
	exists: SqlCondition,
	now: string,
): Promise<boolean> {
	const pending = `NOT EXISTS (SELECT 1 FROM stats_rollups WHERE user_id = ? AND day = ?) AND ${exists.sql}`;
	const guard = [userId, day, ...exists.params];
	const lines = facts.map((f) =>
		db
			.prepare(
				`INSERT INTO stats_daily (user_id, day, page_id, event, link_id, referrer_host, country, device, count)
				SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${pending}
				ON CONFLICT (user_id, day, page_id, event, link_id, referrer_host, country, device)
				DO UPDATE SET count = stats_daily.count + excluded.count`,
			)
			.bind(
				userId,
				day,
				f.pageId,
				f.event,
				f.linkId,
				f.referrerHost,
				f.country,
				f.device,
				f.count,
				...guard,
			),
	);
	const marker = db
		.prepare(
			`INSERT INTO stats_rollups (user_id, day, rolled_up_at) SELECT ?, ?, ? WHERE ${pending} RETURNING day`,
		)
		.bind(userId, day, now, ...guard);
	const results = await db.batch([...lines, marker]);
	return (results.at(-1)?.results.length ?? 0) > 0;
}

/** The account's roll-ups, for its data export (in the export's batch). */
export function exportStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db
		.prepare(
			"SELECT day, page_id, event, link_id, referrer_host, country, device, count FROM stats_daily WHERE user_id = ? ORDER BY day, page_id, event, link_id, referrer_host, country, device",
		)
		.bind(userId);
}
