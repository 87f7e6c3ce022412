/**
 * Statistics requests (issue 17): the query of `GET /stats` and `GET /stats/export`, and the
 * roll-up row both Core and the Customer Worker handle. Dates are calendar days in the account's
 * time zone (`STATS_TIME_ZONE`: accounts have no time zone of their own yet).
 */
import * as z from "zod";
import { DEVICE_CLASSES, STATS_EVENTS } from "../stats";
import { idParam } from "./pages";

// The shapes the API returns are defined with the other resources (../api/resources).
export type { StatsReport } from "../api/resources";

/** The time zone statistics days are counted in until accounts can choose their own. */
export const STATS_TIME_ZONE = "Europe/Berlin";

/** Whether `value` is `YYYY-MM-DD` and a real calendar day (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar day, `YYYY-MM-DD`. */
export const statsDay = z
	.string()
	.refine(isCalendarDay, { message: "must be a date as YYYY-MM-DD" });

/**
 * The query of `GET /stats`. Strict: an unknown parameter is refused rather than ignored, so a
 * typo (`pageid=`) never silently widens the answer to the whole account. Order and plan range
 * are checked by Core after parsing (400 `validation_failed`, 402 `plan_required`).
 */
export const statsQuery = z.strictObject({
	/** Only this page; the whole account when absent. */
	pageId: idParam.optional(),
	from: statsDay,
	to: statsDay,
});
export type StatsQuery = z.infer<typeof statsQuery>;

/** The query of `GET /stats/export`: the whole account, one row per day and dimension. */
export const statsExportQuery = statsQuery.omit({ pageId: true });
export type StatsExportQuery = z.infer<typeof statsExportQuery>;

/**
 * One aggregated line of statistics: the counted (not bot) events of one site on one day with
 * the same page, link, referrer host, country and device. What Core reads from Analytics Engine
 * and what the D1 roll-ups store, so both halves of an answer are merged from one shape.
 */
export const statsFact = z.strictObject({
	date: statsDay,
	event: z.enum(STATS_EVENTS),
	pageId: z.string(),
	linkId: z.string(),
	referrerHost: z.string(),
	country: z.string(),
	device: z.enum(DEVICE_CLASSES),
	count: z.number().int().nonnegative(),
});
export type StatsFact = z.infer<typeof statsFact>;
