/**
 * The dashboard's response headers (issue 14.15): public/_headers gives every screen a CSP that
 * forbids framing, and the helpers that serve it outside Cloudflare Pages keep it that way.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
	devHeaders,
	fillInlineHashes,
	headersFor,
	inlineHashes,
	localHeaders,
	parseHeadersFile,
	SCRIPT_HASHES,
	STYLE_HASHES,
} from "./security-headers";

const FILE = readFileSync(new URL("../../public/_headers", import.meta.url), "utf8");
const SCREENS = ["/", "/login", "/de/login", "/pages/edit", "/billing", "/de/account", "/404"];

/** A CSP as a map of directive → sources. */
function directives(csp: string | undefined): Map<string, string[]> {
	const map = new Map<string, string[]>();
	for (const part of (csp ?? "").split(";")) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) map.set(name, sources);
	}
	return map;
}

describe("public/_headers", () => {
	it.each(SCREENS)("#14.15 %s may not be framed and is HTTPS-only", (path) => {
		const headers = headersFor(parseHeadersFile(FILE), path);
		const csp = directives(headers["Content-Security-Policy"]);
		expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
		expect(headers["X-Frame-Options"]).toBe("DENY");
		expect(headers["Strict-Transport-Security"]).toMatch(/^max-age=63072000\b/);
		expect(headers["X-Content-Type-Options"]).toBe("nosniff");
	});

	it("#14.15 the policy allows no inline code but the build's hashed scripts and styles", () => {
		const csp = directives(headersFor(parseHeadersFile(FILE), "/")["Content-Security-Policy"]);
		expect(csp.get("default-src")).toEqual(["'none'"]);
		expect(csp.get("script-src")).toEqual(["'self'", SCRIPT_HASHES]);
		expect(csp.get("style-src")).toEqual(["'self'", STYLE_HASHES]);
		expect(csp.get("object-src")).toEqual(["'none'"]);
		expect(csp.get("base-uri")).toEqual(["'none'"]);
		expect(FILE).not.toMatch(/unsafe-(inline|eval)/);
	});
});

describe("serving _headers outside Cloudflare Pages", () => {
	const rules = parseHeadersFile(FILE);

	it("#14.15 astro dev keeps frame-ancestors 'none' and allows only what Vite needs on top", () => {
		const csp = directives(devHeaders(headersFor(rules, "/login"))["Content-Security-Policy"]);
		expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
		expect(csp.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
		expect(csp.get("connect-src")).toEqual(["'self'", "ws:"]);
		expect(csp.get("img-src")).toContain("http://*.localhost:*");
	});

	it("local servers allow the avatars of pages served over plain HTTP on *.localhost, without HSTS", () => {
		const headers = localHeaders(headersFor(rules, "/"));
		expect(headers["Strict-Transport-Security"]).toBeUndefined();
		const csp = directives(headers["Content-Security-Policy"]);
		expect(csp.get("img-src")).toEqual([
			"'self'",
			"blob:",
			"https:",
			"http://localhost:*",
			"http://*.localhost:*",
		]);
		expect(csp.get("script-src")).toEqual(["'self'", SCRIPT_HASHES]);
	});

	it("the build's hashes replace the stand-ins; repeated hashes appear once", async () => {
		const html = `<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>
			<script type="module" src="/_astro/a.js"></script><script>one()</script><script>one()</script>`;
		const hashes = await inlineHashes(html);
		expect(hashes.style).toEqual(["'sha256-vv9IoKo7BSLbWcUHr3tNmfNVmm5L/9Cfn2H6LMk7/ow='"]);
		expect(hashes.script).toHaveLength(2);
		const filled = fillInlineHashes(FILE, hashes);
		expect(filled).toContain(`# server send the same`);
		expect(
			filled
				.split("\n")
				.filter((l) => l.startsWith("#"))
				.join("\n"),
		).toContain(SCRIPT_HASHES);
		const csp = directives(headersFor(parseHeadersFile(filled), "/")["Content-Security-Policy"]);
		expect(csp.get("script-src")).toEqual(["'self'", hashes.script[0]]);
		expect(csp.get("style-src")).toEqual(["'self'", hashes.style[0]]);
	});

	it("rules match by splat and join repeated headers", () => {
		const parsed = parseHeadersFile("# c\n/*\n  A: 1\n/x/*\n  a: 2\n  B: 3\n");
		expect(headersFor(parsed, "/x/y")).toEqual({ A: "1, 2", B: "3" });
		expect(headersFor(parsed, "/y")).toEqual({ A: "1" });
	});
});
