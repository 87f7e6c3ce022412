/**
 * DELETE /me (src/routes/me/delete.ts), end to end inside workerd (Core → the real Customer over
 * its service binding → D1): a deleted account leaves no session in KV and no row in D1.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { account, call } from "../../support/request";

describe("security", () => {
	describe("sessions in KV", () => {
		it("are all gone after the account is deleted, and D1 has no row of it", async () => {
			const owner = await account("unverified", {
				email: `gone-${crypto.randomUUID()}@example.com`,
				password: "kv test passphrase",
			});
			const user = { id: owner.userId };
			await call("POST /auth/login", {
				body: { email: owner.email, password: "kv test passphrase" },
			});
			const del = await call("DELETE /me", {
				as: owner,
				body: { password: "kv test passphrase" },
			});
			expect(del.status).toBe(204);
			const { keys } = await env.SESSIONS.list({ prefix: `user-session:${user.id}:` });
			expect(keys).toHaveLength(0);
			expect(
				await env.TEST_DB.prepare("SELECT id FROM users WHERE id = ?").bind(user.id).first(),
			).toBeNull();
			expect(
				await env.TEST_DB.prepare("SELECT user_id FROM profiles WHERE user_id = ?")
					.bind(user.id)
					.first(),
			).toBeNull();
			expect((await call("GET /me", { as: owner })).status).toBe(401);
		});
	});
});
