/**
 * Transport security of Core's answers (issue 14.15): every HTTPS answer, success or error, tells
 * the browser to use HTTPS only; a plain-HTTP answer (local development) does not, as RFC 6797
 * requires.
 */
import { describe, expect, it } from "vitest";
import { raw } from "./support/request";

const HSTS = "max-age=63072000; includeSubDomains";

describe("Strict-Transport-Security", () => {
	it.each([
		["a success", "/api/v1/health"],
		["an unknown path", "/api/v1/nope"],
		["a request without a session", "/api/v1/me"],
	])("#14.15 is sent on %s over HTTPS", async (_name, path) => {
		const res = await raw("GET", `https://app.smartpages.test${path}`);
		expect(res.headers.get("Strict-Transport-Security")).toBe(HSTS);
	});

	it("is not sent over plain HTTP", async () => {
		const res = await raw("GET", "http://localhost:8787/api/v1/health");
		expect(res.status).toBe(200);
		expect(res.headers.get("Strict-Transport-Security")).toBeNull();
	});
});
