/**
 * Where the dashboard navigates after login: a `?next=` value from the address bar, however
 * crafted, must never lead off this origin (issue 14.6).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { go, safeNext, sameOriginUrl } from "./navigation";

const ORIGIN = "https://app.smartpages.example";
const HERE = `${ORIGIN}/login`;

/** Stands in for the browser's location; returns the absolute addresses `go` opens. */
function recordNavigation(): string[] {
	const assigned: string[] = [];
	vi.stubGlobal("window", {
		location: {
			origin: ORIGIN,
			href: HERE,
			// As the browser does: the address is resolved against the current one.
			assign: (url: string) => assigned.push(new URL(url, HERE).href),
		},
	});
	return assigned;
}

/** The addresses `go` opens for a `next` value after login, in both languages. */
function destinations(next: string): string[] {
	const assigned = recordNavigation();
	for (const locale of ["en", "de"] as const) go(locale, safeNext(next) ?? "/");
	return assigned;
}

afterEach(() => {
	vi.unstubAllGlobals();
});

const BYPASSES = [
	"//evil.example",
	"/\\evil.example",
	"/.//evil.example",
	"/./\\evil.example",
	"/..//evil.example",
	"/../\\evil.example",
	"/%2e%2e//evil.example",
	"/.%2e//evil.example",
	"/de//evil.example",
	"/de/.//evil.example",
	"///evil.example",
	"////evil.example",
	"/\\/evil.example",
	"\\\\evil.example",
	"/%2F%2Fevil.example",
	"/%5C%5Cevil.example",
	"%2F%2Fevil.example",
	"https://evil.example",
	"http:evil.example",
	"http:/evil.example",
	"https:\\\\evil.example",
	"HTTPS://evil.example",
	"javascript:alert(document.domain)",
	"JaVaScRiPt:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"\t//evil.example",
	" //evil.example",
	"/\t/evil.example",
	"/\n/evil.example",
	"/\r\n/evil.example",
	"/%09/evil.example",
	"/%0a/evil.example",
	"/%0d%0a/evil.example",
	"\u0000//evil.example",
	"/\u0000/evil.example",
	"/\u3000/evil.example",
	"@evil.example",
	"/@evil.example",
	"//@evil.example",
	"//user:pass@evil.example",
	"/.//user@evil.example/x",
	"/.\\evil.example",
	"\u2215\u2215evil.example",
	"\uff0f\uff0fevil.example",
	"/\uff0fevil.example",
	"?next=//evil.example",
	"#//evil.example",
	"evil.example",
	"",
];

describe("safeNext and go keep the visitor on this origin", () => {
	it.each(BYPASSES)("#14.6 %j stays on the dashboard's origin", (next) => {
		for (const url of destinations(next)) expect(new URL(url).origin).toBe(ORIGIN);
	});

	it("#14.6 /.//host and its kin are refused, not normalised into //host", () => {
		for (const next of ["/.//evil.example", "/..//evil.example", "/de//evil.example", "/%2e%2e//x"])
			expect(safeNext(next)).toBeNull();
	});

	it("keeps ordinary paths and their queries", () => {
		expect(safeNext("/pages/edit?id=pg_1")).toBe("/pages/edit?id=pg_1");
		expect(safeNext("/de/billing?upgrade=pro")).toBe("/billing?upgrade=pro");
		expect(safeNext("/")).toBe("/");
		expect(destinations("/pages/edit?id=pg_1")).toEqual([
			`${ORIGIN}/pages/edit?id=pg_1`,
			`${ORIGIN}/de/pages/edit?id=pg_1`,
		]);
	});

	it("#14.6 go refuses a cross-origin target even when a caller passes one", () => {
		expect(sameOriginUrl("//evil.example/x", HERE)).toBeNull();
		expect(sameOriginUrl("https://evil.example", HERE)).toBeNull();
		expect(sameOriginUrl("/billing", HERE)).toBe(`${ORIGIN}/billing`);
		const assigned = recordNavigation();
		go("en", "//evil.example");
		go("de", "//evil.example");
		expect(assigned.map((url) => new URL(url).origin)).toEqual([ORIGIN, ORIGIN]);
	});
});
