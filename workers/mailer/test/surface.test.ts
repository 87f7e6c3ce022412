import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("mailer worker surface", () => {
	it("answers every HTTP request with 404 (internal workers have no HTTP surface)", async () => {
		for (const method of ["GET", "POST"]) {
			const res = await exports.default.fetch(new Request("https://mailer.internal/", { method }));
			expect(res.status).toBe(404);
		}
	});
});
