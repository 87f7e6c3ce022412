/** The account deletion's typed confirmation accepts the shown word only (new-user pass L14). */
import { describe, expect, it } from "vitest";
import { confirmsWith } from "./confirm-word";

describe("L14 the typed confirmation word", () => {
	it("accepts the word as shown, surrounding spaces aside", () => {
		expect(confirmsWith("LÖSCHEN", "LÖSCHEN")).toBe(true);
		expect(confirmsWith("  DELETE \n", "DELETE")).toBe(true);
	});

	it("refuses another case, a part of the word or another word", () => {
		expect(confirmsWith("löschen", "LÖSCHEN")).toBe(false);
		expect(confirmsWith("Löschen", "LÖSCHEN")).toBe(false);
		expect(confirmsWith("delete", "DELETE")).toBe(false);
		expect(confirmsWith("LÖSCH", "LÖSCHEN")).toBe(false);
		expect(confirmsWith("", "DELETE")).toBe(false);
	});
});
