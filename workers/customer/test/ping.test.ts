import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("customer worker surface", () => {
	it("answers every HTTP request with 404 (internal workers have no HTTP surface)", async () => {
		for (const path of ["/", "/ping", "/api/v1/health"]) {
			const res = await exports.default.fetch(new Request(`https://customer.internal${path}`));
			expect(res.status).toBe(404);
		}
	});

	it("ping reaches D1 with the migrated schema", async () => {
		const tables = await env.DB.prepare(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'pages', 'links')",
		).all<{ name: string }>();
		expect(tables.results.map((r) => r.name).sort()).toEqual(["links", "pages", "users"]);
	});
});
