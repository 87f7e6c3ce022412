/**
 * Calendar days of statistics (issue 17): days are counted in the account's time zone, so "today"
 * and each day's bounds are computed with that zone's offset on that very day (daylight saving
 * time makes some days 23 or 25 hours long). Days are `YYYY-MM-DD` strings throughout.
 */

const DAY_MS = 86_400_000;

/** The `YYYY-MM-DD` of `instant` (ms) in `timeZone`. */
export function dayOf(instant: number, timeZone: string): string {
	// en-CA formats as YYYY-MM-DD.
	return new Intl.DateTimeFormat("en-CA", {
		timeZone,
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
	}).format(new Date(instant));
}

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat("en-US", {
		timeZone,
		hourCycle: "h23",
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		hour: "2-digit",
		minute: "2-digit",
		second: "2-digit",
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
	const asUtc = Date.UTC(
		get("year"),
		get("month") - 1,
		get("day"),
		get("hour"),
		get("minute"),
		get("second"),
	);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant (ms) `day` begins in `timeZone`. */
export function dayStart(day: string, timeZone: string): number {
	const midnightUtc = Date.parse(`${day}T00:00:00Z`);
	// The offset at the guessed instant, corrected once: right for every zone whose offset does
	// not change within a few hours of midnight twice (all of them).
	const guess = midnightUtc - offsetAt(midnightUtc, timeZone);
	return midnightUtc - offsetAt(guess, timeZone);
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`, both included (empty when `to` is before `from`). */
export function daysFrom(from: string, to: string): string[] {
	const out: string[] = [];
	for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
	return out;
}

/** Number of days from `from` to `to`, both included. */
export function dayCount(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}
