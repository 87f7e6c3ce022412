/**
 * The statistics screen's arithmetic, kept pure so it is unit-tested: which calendar days a range
 * covers (days are counted in Europe/Berlin, as Core counts them), the period before it, whether
 * the plan reaches that far, the change against the previous period, and the chart's scale and
 * buckets (days, weeks or months, so a long range stays readable).
 */
import { STATS_TIME_ZONE } from "@smartpages/contracts";

/** The ranges the screen offers; "all" starts with the account (or Core's longest range). */
export const RANGES = ["7", "30", "90", "all"] as const;
export type RangeChoice = (typeof RANGES)[number];

export interface DayRange {
	from: string;
	to: string;
}

/** The longest range Core answers in one request (GET /stats, 400 beyond it). */
export const MAX_RANGE_DAYS = 3660;

const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD) of an instant in the statistics time zone. */
export function statsDayOf(at: Date, timeZone: string = STATS_TIME_ZONE): string {
	// en-CA writes dates as YYYY-MM-DD.
	return new Intl.DateTimeFormat("en-CA", {
		timeZone,
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
	}).format(at);
}

/**
 * `day` moved by `days` calendar days. Calendar days have no time zone once chosen, so this is
 * UTC arithmetic: a day with a DST change is still one day.
 */
export function addDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for the same day). */
export function dayCount(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * The days of a range choice ending today. "all" starts on `earliest` (the account's first day),
 * but never further back than Core answers.
 */
export function rangeFor(choice: RangeChoice, today: string, earliest: string): DayRange {
	const oldest = addDays(today, -(MAX_RANGE_DAYS - 1));
	if (choice === "all") {
		const from = earliest > today ? today : earliest < oldest ? oldest : earliest;
		return { from, to: today };
	}
	return { from: addDays(today, -(Number(choice) - 1)), to: today };
}

/** The period of equal length right before `range`. */
export function previousRange(range: DayRange): DayRange {
	const length = dayCount(range.from, range.to);
	return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/**
 * Whether the plan's reach (`statsDays`: days back from today, today included; null = no
 * limit) ends after `from`, so Core would answer 402.
 */
export function beyondPlan(from: string, today: string, statsDays: number | null): boolean {
	return statsDays !== null && from < addDays(today, -(statsDays - 1));
}

/** How a figure changed against the previous period. */
export type Change =
	| { kind: "up" | "down" | "same"; percent: number }
	/** Nothing before, something now. */
	| { kind: "new" }
	/** Nothing either time: no change worth showing. */
	| { kind: "none" };

/** The change from `previous` to `current`, the percentage rounded to a whole number. */
export function changeOf(current: number, previous: number): Change {
	if (previous === 0) return current === 0 ? { kind: "none" } : { kind: "new" };
	const percent = Math.round(((current - previous) / previous) * 100);
	if (percent === 0) return { kind: "same", percent: 0 };
	return { kind: percent > 0 ? "up" : "down", percent: Math.abs(percent) };
}

/**
 * The top of a chart's value axis: four times a "nice" whole step (1, 2, 2.5, 3, 4, 5, 6 or 8 ×
 * 10ⁿ), the smallest that reaches `max`, so the grid lines at quarters are readable numbers.
 */
export function niceMax(max: number): number {
	const wanted = Math.max(1, Math.ceil(max / 4));
	const magnitude = 10 ** Math.floor(Math.log10(wanted));
	for (const factor of [1, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
		const step = factor * magnitude;
		if (Number.isInteger(step) && step >= wanted) return step * 4;
	}
	return 40 * magnitude;
}

/** Grid values of the value axis: 0, a quarter, half, three quarters and the top. */
export function ticks(top: number): number[] {
	return [0, 1, 2, 3, 4].map((i) => (top * i) / 4);
}

export interface ChartBucket {
	/** First day of the bucket. */
	from: string;
	/** Last day of the bucket. */
	to: string;
	views: number;
	clicks: number;
}

export type BucketSize = "day" | "week" | "month";

/** Days for up to 92 days (a quarter), weeks up to about 13 months, months beyond. */
export function bucketSizeFor(days: number): BucketSize {
	if (days <= 92) return "day";
	if (days <= 400) return "week";
	return "month";
}

/**
 * The chart's bars: one per day, or the days summed into weeks (Monday to Sunday) or calendar
 * months for long ranges. `days` is Core's list (every day of the range, oldest first).
 */
export function bucketsOf(
	days: readonly { date: string; views: number; clicks: number }[],
	size: BucketSize = bucketSizeFor(days.length),
): ChartBucket[] {
	const buckets: ChartBucket[] = [];
	let key = "";
	for (const day of days) {
		const dayKey =
			size === "day" ? day.date : size === "month" ? day.date.slice(0, 7) : weekOf(day.date);
		const last = buckets[buckets.length - 1];
		if (last && dayKey === key) {
			last.to = day.date;
			last.views += day.views;
			last.clicks += day.clicks;
		} else {
			key = dayKey;
			buckets.push({ from: day.date, to: day.date, views: day.views, clicks: day.clicks });
		}
	}
	return buckets;
}

/** The Monday starting the week of `day`. */
function weekOf(day: string): string {
	const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
	return addDays(day, -((weekday + 6) % 7));
}

/** A count's share of a total as a fraction 0…1 (0 when there is no total). */
export function shareOf(count: number, total: number): number {
	return total > 0 ? count / total : 0;
}
