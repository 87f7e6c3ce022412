/**
 * The one SQL statement Core sends to Analytics Engine's SQL API (issue 17), built here and only
 * here. The SQL API takes no bind parameters, so every value put into the text is checked
 * against a strict pattern first (ids, day labels, timestamps: nothing that can hold a quote);
 * the route's schemas refuse hostile input long before, this is the last line. The statement
 * is kept to SQL both Analytics Engine (ClickHouse) and SQLite (the local stand-in) understand:
 * no date functions (each day's bounds are computed in Core, in the account's time zone, and
 * compared as `YYYY-MM-DD HH:MM:SS` UTC literals; the day label is a CASE), counts as
 * `SUM(_sample_interval)` because Analytics Engine samples, bots excluded, and always
 * `WHERE index1 = …` (or `IN (…)`) with the sites it may read.
 */
import { STATS_COLUMNS, STATS_DATASET } from "@smartpages/contracts";
import { addDays, dayStart } from "./days";

const ID = /^[a-z]{2,3}_[0-9a-z]{20}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A value that failed its pattern: a bug in a caller, never sent anywhere. */
export class UnsafeSqlValue extends Error {
	constructor(what: string) {
		super(`refusing to put an unchecked ${what} into SQL`);
		this.name = "UnsafeSqlValue";
	}
}

/** `'value'` after checking it against `pattern` (none of the patterns admits a quote). */
function literal(value: string, pattern: RegExp, what: string): string {
	if (!pattern.test(value)) throw new UnsafeSqlValue(what);
	return `'${value}'`;
}

/** An instant as the SQL API's `timestamp` literal (UTC, `YYYY-MM-DD HH:MM:SS`). */
export function timestampLiteral(instant: number): string {
	return literal(
		new Date(instant).toISOString().slice(0, 19).replace("T", " "),
		TIMESTAMP,
		"timestamp",
	);
}

export interface FactsQuery {
	/** The sites (account ids) to read; at least one. */
	sites: string[];
	/** Consecutive days, oldest first; at least one. */
	days: string[];
	timeZone: string;
	/** Only this page. */
	pageId?: string;
}

/**
 * The statement for the counted events of `sites` on `days`, one row per site, day and
 * combination of page, event, link, referrer host, country and device.
 */
export function factsSql(query: FactsQuery): string {
	const { sites, days, timeZone } = query;
	const first = days[0];
	const last = days.at(-1);
	if (sites.length === 0 || first === undefined || last === undefined) {
		throw new UnsafeSqlValue("empty site or day list");
	}
	const c = STATS_COLUMNS;
	const siteList = sites.map((s) => literal(s, ID, "site id")).join(", ");
	// Each day is labelled by the first upper bound it stays under; the WHERE clause bounds the
	// whole span, so the last day needs no branch of its own.
	const branches = days
		.slice(0, -1)
		.map(
			(day, i) =>
				`WHEN timestamp < ${timestampLiteral(dayStart(days[i + 1] ?? day, timeZone))} THEN ${literal(day, DAY, "day")}`,
		);
	const dayKey =
		branches.length === 0
			? literal(last, DAY, "day")
			: `CASE ${branches.join(" ")} ELSE ${literal(last, DAY, "day")} END`;
	const where = [
		`${c.siteId} IN (${siteList})`,
		`${c.bot} = '0'`,
		`timestamp >= ${timestampLiteral(dayStart(first, timeZone))}`,
		`timestamp < ${timestampLiteral(dayStart(addDays(literalDay(last), 1), timeZone))}`,
	];
	if (query.pageId !== undefined)
		where.push(`${c.pageId} = ${literal(query.pageId, ID, "page id")}`);
	return [
		`SELECT ${c.siteId} AS site_id, ${dayKey} AS day_key, ${c.event} AS event, ${c.pageId} AS page_id,`,
		`${c.linkId} AS link_id, ${c.referrerHost} AS referrer_host, ${c.country} AS country,`,
		`${c.device} AS device, SUM(_sample_interval) AS hits`,
		`FROM ${STATS_DATASET}`,
		`WHERE ${where.join(" AND ")}`,
		"GROUP BY site_id, day_key, event, page_id, link_id, referrer_host, country, device",
		"FORMAT JSON",
	].join("\n");
}

/** A day checked before date arithmetic on it. */
function literalDay(day: string): string {
	if (!DAY.test(day)) throw new UnsafeSqlValue("day");
	return day;
}
