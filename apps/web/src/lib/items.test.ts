/**
 * The editor's page-item helpers (lib/items.ts): schedule bounds round-trip between the browser's
 * local `datetime-local` values and UTC, the row's schedule state, and the single highlight.
 */
import type { Link } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { fromLocalInput, scheduleState, toLocalInput, withSavedItem } from "./items";

const link = (id: string, extra: Partial<Link> = {}): Link => ({
	id,
	kind: "link",
	title: id,
	url: "https://example.com/",
	enabled: true,
	position: 0,
	highlight: false,
	startsAt: null,
	endsAt: null,
	...extra,
});

describe("page item helpers", () => {
	it("turns a local date-time into UTC and back (the browser's time zone)", () => {
		const local = "2030-05-01T10:30";
		const utc = fromLocalInput(local);
		expect(utc).toBe(new Date(2030, 4, 1, 10, 30).toISOString());
		expect(toLocalInput(utc)).toBe(local);
		expect(fromLocalInput("")).toBeNull();
		expect(toLocalInput(null)).toBe("");
		expect(fromLocalInput("garbage")).toBe("garbage");
	});

	it("names the schedule state: scheduled, live until, ended, or none", () => {
		const now = Date.parse("2030-01-01T12:00:00Z");
		expect(scheduleState({ startsAt: "2030-01-02T00:00:00Z", endsAt: null }, now)?.state).toBe(
			"scheduled",
		);
		expect(scheduleState({ startsAt: null, endsAt: "2030-01-02T00:00:00Z" }, now)?.state).toBe(
			"live",
		);
		expect(scheduleState({ startsAt: null, endsAt: "2030-01-01T00:00:00Z" }, now)?.state).toBe(
			"ended",
		);
		expect(scheduleState({ startsAt: "2029-01-01T00:00:00Z", endsAt: null }, now)).toBeNull();
	});

	it("moves the highlight to a saved item and appends a new one", () => {
		const list = [link("a", { highlight: true }), link("b")];
		const saved = withSavedItem(list, link("b", { highlight: true }));
		expect(saved.map((l) => [l.id, l.highlight])).toEqual([
			["a", false],
			["b", true],
		]);
		const added = withSavedItem(list, link("c"));
		expect(added.map((l) => [l.id, l.highlight])).toEqual([
			["a", true],
			["b", false],
			["c", false],
		]);
	});
});
