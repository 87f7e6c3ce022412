/**
 * POST /auth/verify-email (src/routes/auth/verify-email.ts), through the real app (Core →
 * Customer → D1, Mailer → the local Resend stand-in): a link mailed before the account's
 * credentials version moved is refused, even if it was never marked used (issue 14.3).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mailTo, tokenFrom } from "../../support/mail";
import { account, call } from "../../support/request";

const PASSWORD = "token tests passphrase 1";

describe("security", () => {
	describe("the credentials version alone ends a link", () => {
		it("#14.3 links mailed before the account's credentials version moved are refused, even if never marked used", async () => {
			const { email, userId } = await account("unverified", {
				email: `owner-${crypto.randomUUID()}@example.com`,
				password: PASSWORD,
			});
			const verify = tokenFrom(await mailTo(email, /confirm/i));
			expect((await call("POST /auth/password/forgot", { body: { email } })).status).toBe(202);
			const reset = tokenFrom(await mailTo(email, /reset/i));
			// Only the version moves (as a password event on another path would); the token rows are
			// untouched, so nothing but the version check in the consuming SQL can refuse them.
			await env.TEST_DB.prepare(
				"UPDATE users SET credentials_version = credentials_version + 1 WHERE id = ?",
			)
				.bind(userId)
				.run();
			const verified = await call("POST /auth/verify-email", { body: { token: verify } });
			expect(verified.status).toBe(400);
			expect(verified.error.code).toBe("validation_failed");
			const res = await call("POST /auth/password/reset", {
				body: { token: reset, password: "attacker passphrase 4" },
			});
			expect(res.status).toBe(400);
			expect(res.error.code).toBe("validation_failed");
		});
	});
});
