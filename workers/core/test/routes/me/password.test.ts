/**
 * POST /me/password (src/routes/me/password.ts), through the real app (Core → Customer → D1,
 * Mailer → the local Resend stand-in): a password change ends every pending single-use link of
 * the account (review SP-16).
 */
import { describe, expect, it } from "vitest";
import { mailTo, tokenFrom } from "../../support/mail";
import { account, call } from "../../support/request";

const PASSWORD = "token tests passphrase 1";

describe("security", () => {
	describe("a password event ends every pending link", () => {
		it("#14.3 a reset link requested before a password change is dead after it (SP-16)", async () => {
			const owner = await account("free", {
				email: `owner-${crypto.randomUUID()}@example.com`,
				password: PASSWORD,
			});
			const { email } = owner;
			expect((await call("POST /auth/password/forgot", { body: { email } })).status).toBe(202);
			const reset = tokenFrom(await mailTo(email, /reset/i));
			const changed = await call("POST /me/password", {
				as: owner,
				body: { currentPassword: PASSWORD, newPassword: "changed passphrase 2" },
			});
			expect(changed.status).toBe(204);
			const replay = await call("POST /auth/password/reset", {
				body: { token: reset, password: "attacker passphrase 3" },
			});
			expect(replay.status).toBe(400);
			expect(
				(await call("POST /auth/login", { body: { email, password: "changed passphrase 2" } }))
					.status,
			).toBe(200);
		});
	});
});
