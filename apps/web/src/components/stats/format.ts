/**
 * How the statistics screen writes its figures in the screen's language: counts, rates and
 * changes, calendar days and buckets, and country names (localised by the browser's
 * Intl.DisplayNames, so no list of names ships with the dashboard).
 */
import type { Locale } from "../../i18n";
import type { BucketSize, Change } from "../../lib/stats";

const TAGS: Record<Locale, string> = { en: "en-GB", de: "de-DE" };

export function formatCount(locale: Locale, value: number): string {
	return new Intl.NumberFormat(TAGS[locale]).format(value);
}

/** A rate 0…1 as a percentage with at most one decimal ("12.5%", "12,5 %"). */
export function formatRate(locale: Locale, rate: number): string {
	return new Intl.NumberFormat(TAGS[locale], {
		style: "percent",
		maximumFractionDigits: 1,
	}).format(rate);
}

/** A whole percentage of change ("12%", "12 %"). */
export function formatPercent(locale: Locale, percent: number): string {
	return new Intl.NumberFormat(TAGS[locale], { style: "percent" }).format(percent / 100);
}

/**
 * A difference of two rates in percentage points, signed, one decimal ("+1.5", "−0,3"), with the
 * same minus sign as `changeText`.
 */
export function formatPoints(locale: Locale, difference: number): string {
	return new Intl.NumberFormat(TAGS[locale], {
		maximumFractionDigits: 1,
		signDisplay: "exceptZero",
	})
		.format(Math.round(difference * 1000) / 10)
		.replace("-", "−");
}

/** The change's short text ("+12 %", "−5 %", "±0 %"), or null when there is none to show. */
export function changeText(
	locale: Locale,
	change: Change,
	texts: { changeNew: string; changeSame: string },
): string | null {
	if (change.kind === "none") return null;
	if (change.kind === "new") return texts.changeNew;
	if (change.kind === "same") return texts.changeSame;
	return `${change.kind === "up" ? "+" : "−"}${formatPercent(locale, change.percent)}`;
}

function dayDate(day: string): Date {
	return new Date(`${day}T00:00:00Z`);
}

/** A calendar day with its year ("3 Dec 2026", "3. Dez. 2026"). */
export function formatDay(locale: Locale, day: string): string {
	return new Intl.DateTimeFormat(TAGS[locale], {
		timeZone: "UTC",
		day: "numeric",
		month: "short",
		year: "numeric",
	}).format(dayDate(day));
}

/** A chart bucket's label: its day ("3 Dec"), its week's first day, or its month ("Dec 2026"). */
export function formatBucket(locale: Locale, day: string, size: BucketSize): string {
	const options: Intl.DateTimeFormatOptions =
		size === "month"
			? { timeZone: "UTC", month: "short", year: "numeric" }
			: { timeZone: "UTC", day: "numeric", month: "short" };
	return new Intl.DateTimeFormat(TAGS[locale], options).format(dayDate(day));
}

/** A country's name from its ISO code; null for "XX" and codes the browser does not know. */
export function countryName(locale: Locale, code: string): string | null {
	if (code === "XX" || !/^[A-Z]{2}$/.test(code)) return null;
	try {
		const name = new Intl.DisplayNames([TAGS[locale]], { type: "region" }).of(code);
		return name && name !== code ? name : null;
	} catch {
		return null;
	}
}
