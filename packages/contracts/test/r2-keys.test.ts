import { describe, expect, it } from "vitest";
import { ASSET_NAME, normaliseHost, r2Keys } from "../src/r2-keys";

describe("normaliseHost", () => {
	it.each([
		["Anna.LOCALHOST", "anna.localhost"],
		["anna.localhost:8788", "anna.localhost"],
		["anna.localhost.", "anna.localhost"],
		[" anna.example.com ", "anna.example.com"],
	])("%s → %s", (input, expected) => {
		expect(normaliseHost(input)).toBe(expected);
	});
});

describe("r2Keys", () => {
	it("keeps every page version under its site", () => {
		expect(r2Keys.pageVersion("s1", "p1", 3, "0f1e")).toBe("sites/s1/pages/p1/3-0f1e.html");
		expect(
			r2Keys.pageVersion("s1", "p1", 3, "0f1e").startsWith(r2Keys.pagePrefix("s1", "p1")),
		).toBe(true);
	});

	it("accepts only content-hash asset names", () => {
		expect(ASSET_NAME.test(`${"0".repeat(64)}.png`)).toBe(true);
		expect(ASSET_NAME.test("../manifest.json")).toBe(false);
		expect(ASSET_NAME.test(`${"0".repeat(64)}.svg`)).toBe(false);
	});
});
