import { describe, expect, it } from "vitest";
import { bareHostname, completeWebAddress } from "./typed-address";

describe("completeWebAddress", () => {
	it.each([
		["example.com", "https://example.com"],
		[" example.com/shop?x=1 ", "https://example.com/shop?x=1"],
		["www.instagram.com/anna", "https://www.instagram.com/anna"],
		["bücher.example/", "https://bücher.example/"],
	])("completes %j", (typed, expected) => {
		expect(completeWebAddress(typed)).toBe(expected);
	});

	it.each([
		"https://example.com",
		"http://example.com",
		"mailto:anna@example.com",
		"tel:+49301234",
		"javascript:alert(1)",
		"anna",
		"+49 30 1234",
		"",
		"two words.com",
	])("keeps %j as typed (the schema decides)", (typed) => {
		expect(completeWebAddress(typed)).toBe(typed.trim());
	});
});

describe("bareHostname", () => {
	it.each([
		["https://Shop.Example.test/", "shop.example.test"],
		["http://links.example.com/path?q#f", "links.example.com"],
		["Example.COM.", "example.com"],
		[" links.example.com ", "links.example.com"],
	])("reduces %j", (typed, expected) => {
		expect(bareHostname(typed)).toBe(expected);
	});
});
