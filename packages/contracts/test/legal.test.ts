/**
 * The structured Impressum (`profile.legal`, issue 18.5): a complete entry is accepted and
 * normalised (country and VAT id upper case, emptied optional fields dropped); every malformed
 * or hostile field is refused by name; the legal pages' paths are no page slugs.
 */
import { describe, expect, it } from "vitest";
import { slugSchema } from "../src/schemas/handle";
import { isCountryCode, normaliseVatId } from "../src/schemas/legal";
import { patchProfileBody } from "../src/schemas/profile";

const LEGAL = {
	name: "Anna Beispiel",
	street: "Musterstraße 1",
	postalCode: "10115",
	city: "Berlin",
	country: "DE",
	email: "anna@example.org",
};

describe("legal", () => {
	it("accepts and normalises a complete entry", () => {
		const parsed = patchProfileBody.parse({
			legal: {
				...LEGAL,
				country: "de",
				phone: "+49 30 1234567",
				vatId: "de 123 456 789",
				register: "HRB 12345",
				registerCourt: "Amtsgericht Charlottenburg",
				responsible: "Anna Beispiel, Musterstraße 1, 10115 Berlin",
			},
		});
		expect(parsed.legal).toMatchObject({ country: "DE", vatId: "DE123456789" });
	});

	it("drops emptied optional fields and takes null as removal", () => {
		const parsed = patchProfileBody.parse({ legal: { ...LEGAL, phone: "", vatId: "" } });
		expect(JSON.parse(JSON.stringify(parsed.legal))).toEqual(LEGAL);
		expect(patchProfileBody.parse({ legal: null }).legal).toBeNull();
	});

	it.each([
		[{ name: "" }, "name"],
		[{ name: 42 }, "name"],
		[{ name: "x".repeat(121) }, "name"],
		[{ name: "Anna\u202eBeispiel" }, "name"],
		[{ street: "Muster\nstraße" }, "street"],
		[{ postalCode: "<b>" }, "postalCode"],
		[{ country: "Deutschland" }, "country"],
		[{ country: "QQ" }, "country"],
		[{ email: "anna" }, "email"],
		[{ email: "javascript:alert(1)@x" }, "email"],
		[{ phone: "call me" }, "phone"],
		[{ vatId: "DE12345678" }, "vatId"],
		[{ vatId: "123456789" }, "vatId"],
		[{ vatId: "x".repeat(10_000) }, "vatId"],
		[{ register: "HRB 1" }, "registerCourt"],
		[{ responsible: "r".repeat(10_000) }, "responsible"],
		[{ unknown: "x" }, ""],
	])("refuses %j at %s", (change, field) => {
		const result = patchProfileBody.safeParse({ legal: { ...LEGAL, ...change } });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.path.join(".")).toBe(field ? `legal.${field}` : "legal");
	});

	it.each([
		["legal", "string"],
		["legal", []],
		["legal", 1],
	])("refuses a %s of the wrong type (%j)", (_field, value) => {
		expect(patchProfileBody.safeParse({ legal: value }).success).toBe(false);
	});

	it("knows VAT ids and countries", () => {
		expect(normaliseVatId("ATU12345678")).toBe("ATU12345678");
		expect(normaliseVatId("DE 123.456.789")).toBe("DE123456789");
		expect(normaliseVatId("DE1234567890")).toBeNull();
		expect(isCountryCode("AT")).toBe(true);
		expect(isCountryCode("ZZ")).toBe(false);
		expect(isCountryCode("de")).toBe(false);
	});

	it("keeps the legal pages' paths from page slugs", () => {
		for (const slug of ["impressum", "datenschutz", "imprint", "privacy"]) {
			expect(slugSchema.safeParse(slug).success).toBe(false);
		}
		expect(slugSchema.safeParse("impressionen").success).toBe(true);
	});
});
