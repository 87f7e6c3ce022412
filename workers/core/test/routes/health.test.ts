/**
 * GET /health (src/routes/health.ts): Core pings the Customer, Billing and Mailer workers over
 * their real service bindings.
 */
import { describe, expect, it } from "vitest";
import { call } from "../support/request";

describe("happy", () => {
	it("answers ok after pinging customer, billing and mailer over their service bindings", async () => {
		const res = await call("GET /health");
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			status: "ok",
			services: { customer: "ok", billing: "ok", mailer: "ok" },
		});
		expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
		expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
	});
});
