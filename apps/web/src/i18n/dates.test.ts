/** One date format per language (issue 19, review L9). */
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./dates";

describe("dates", () => {
	it.each([
		["de", "3. Dezember 2026"],
		["en", "3 December 2026"],
	] as const)("#19.9 %s: a date and a moment are written the same way", (locale, date) => {
		const iso = "2026-12-03T11:20:00Z";
		expect(formatDate(locale, iso)).toBe(date);
		expect(formatDateTime(locale, iso).startsWith(date)).toBe(true);
		expect(formatDateTime(locale, iso)).toMatch(/\d{2}:20$/);
	});

	it("keeps what it cannot read", () => {
		expect(formatDate("en", "not a date")).toBe("not a date");
	});
});
