/**
 * POST /auth/password/reset (src/routes/auth/password-reset.ts), through the real app (Core →
 * Customer → D1, Mailer → the local Resend stand-in): a reset ends every pending single-use link
 * of the account (review SP-02).
 */
import { describe, expect, it } from "vitest";
import { mailTo, tokenFrom } from "../../support/mail";
import { account, call, storedEmail } from "../../support/request";

const PASSWORD = "token tests passphrase 1";
const freshEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

describe("security", () => {
	describe("a password event ends every pending link", () => {
		it("#14.3 a password reset ends a pending e-mail-change token (SP-02)", async () => {
			const owner = await account("free", { email: freshEmail("owner"), password: PASSWORD });
			const { email, userId } = owner;
			const attacker = freshEmail("attacker");
			expect(
				(
					await call("POST /me/email", {
						as: owner,
						body: { newEmail: attacker, password: PASSWORD },
					})
				).status,
			).toBe(202);
			const change = tokenFrom(await mailTo(attacker, /new e-mail address/i));

			expect((await call("POST /auth/password/forgot", { body: { email } })).status).toBe(202);
			const reset = tokenFrom(await mailTo(email, /reset/i));
			const newPassword = "the owner's new passphrase";
			expect(
				(await call("POST /auth/password/reset", { body: { token: reset, password: newPassword } }))
					.status,
			).toBe(204);

			const replay = await call("POST /auth/verify-email", { body: { token: change } });
			expect(replay.status).toBe(400);
			expect(replay.error.code).toBe("validation_failed");
			expect(await storedEmail(userId)).toBe(email);
			expect(
				(await call("POST /auth/login", { body: { email, password: newPassword } })).status,
			).toBe(200);
		});
	});
});
