import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("GET /api/v1/health", () => {
	it("answers ok after pinging customer, billing and mailer over their service bindings", async () => {
		const res = await exports.default.fetch("https://api.test/api/v1/health");
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			status: "ok",
			services: { customer: "ok", billing: "ok", mailer: "ok" },
		});
		expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
		expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
	});

	it("answers unknown API paths with the contract's 404 error shape", async () => {
		const res = await exports.default.fetch("https://api.test/api/v1/nope");
		expect(res.status).toBe(404);
		const body = (await res.json()) as { error: { code: string; requestId: string } };
		expect(body.error.code).toBe("not_found");
		expect(body.error.requestId).toBe(res.headers.get("X-Request-Id"));
	});
});
