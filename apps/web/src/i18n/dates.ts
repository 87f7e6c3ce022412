/**
 * The dashboard's one way to write dates (issue 19, review L9: "3. Dezember 2027" beside
 * "03.12.2026, 11:20"): a calendar date with the month written out, and a moment as that same
 * date plus the time, in the browser's time zone. Every screen formats dates through here.
 */
import type { Locale } from "@smartpages/contracts";

const TAGS: Record<Locale, string> = { en: "en-GB", de: "de-DE" };

const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };

function parsed(iso: string): Date | null {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date: "3 December 2026", "3. Dezember 2026". */
export function formatDate(locale: Locale, iso: string): string {
	const date = parsed(iso);
	return date ? new Intl.DateTimeFormat(TAGS[locale], DATE).format(date) : iso;
}

/** A moment: the same date and the time, "3 December 2026 at 11:20", "3. Dezember 2026 um 11:20". */
export function formatDateTime(locale: Locale, iso: string): string {
	const date = parsed(iso);
	return date ? new Intl.DateTimeFormat(TAGS[locale], { ...DATE, ...TIME }).format(date) : iso;
}
