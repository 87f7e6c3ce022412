/** The stale-error rule of the dashboard's fields (issue 19, review L3). */
import { describe, expect, it } from "vitest";
import { type ErrorFor, freshError } from "./fresh-error";

/** Feeds a field's successive (error, value) renders through the rule; returns what was shown. */
function run(renders: [string | undefined, string, number?][]): (string | undefined)[] {
	let seen: ErrorFor = { error: undefined, value: "", attempt: 0 };
	return renders.map(([error, value, attempt = 1]) => {
		const next = freshError(seen, error, value, attempt);
		seen = next.seen;
		return next.shown;
	});
}

describe("freshError", () => {
	it("#19.4 a 'handle taken' error goes as soon as the handle is changed", () => {
		expect(
			run([
				[undefined, "alex"],
				["This handle is already taken.", "alex"],
				["This handle is already taken.", "alex2"],
			]),
		).toEqual([undefined, "This handle is already taken.", undefined]);
	});

	it("shows it again for the value it was about, and a new error for the new value", () => {
		expect(
			run([
				["Taken.", "alex"],
				["Taken.", "alex2"],
				["Taken.", "alex"],
				[undefined, "alex2"],
				["Taken.", "alex2"],
			]),
		).toEqual(["Taken.", undefined, "Taken.", undefined, "Taken."]);
	});

	it("the same error for the changed value after the next submission is shown", () => {
		expect(
			run([
				["Type DELETE.", "x", 1],
				["Type DELETE.", "y", 1],
				["Type DELETE.", "y", 2],
			]),
		).toEqual(["Type DELETE.", undefined, "Type DELETE."]);
	});
});
