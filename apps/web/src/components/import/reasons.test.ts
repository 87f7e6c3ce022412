/** The import screen's reasons: Core's English reasons shown in German and English (issue 21). */
import { describe, expect, it } from "vitest";
import { dictionary } from "../../i18n";
import { itemReason, sourceReason } from "./reasons";

describe("import reasons", () => {
	const de = dictionary("de");
	const en = dictionary("en");

	it("knows the route's refusals of a source", () => {
		expect(
			sourceReason(
				de,
				"is not on a site SmartPages reads profiles from (linktr.ee, littlelink.io); upload a CSV file instead",
			),
		).toBe(de.importer.reasons.notAllowedHost);
		expect(sourceReason(en, "redirects to another site (must be a public address)")).toBe(
			en.importer.reasons.redirect,
		);
		expect(sourceReason(de, "is not a SmartPages export (not JSON)")).toBe(
			de.importer.reasons.notExport,
		);
	});

	it("knows why items were dropped, and keeps an unknown reason as sent", () => {
		expect(itemReason(de, "the address must be an https:, http:, mailto: or tel: URL")).toBe(
			de.importer.reasons.unsafeAddress,
		);
		expect(itemReason(de, "something new")).toBe("something new");
	});
});
