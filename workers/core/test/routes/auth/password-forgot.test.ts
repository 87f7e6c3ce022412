/**
 * POST /auth/password/forgot (src/routes/auth/password-forgot.ts), through the real app with the
 * Customer binding watched: no account enumeration (issue 14.10, review SP-09). It looks nothing
 * up before it answers; the work for a registered address happens after the answer.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { account } from "../../support/request";
import { watchedCall } from "../../support/watch";

const uniqueEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

describe("security", () => {
	describe("#14.10 forgot-password", () => {
		it("#14.10 looks nothing up before it answers, for a registered and an unknown address alike", async () => {
			const { email, userId: id } = await account("unverified", {
				email: uniqueEmail("enum"),
				password: "enumeration passphrase 5",
			});
			const known = await watchedCall("POST /auth/password/forgot", { body: { email } });
			const unknown = await watchedCall("POST /auth/password/forgot", {
				body: { email: uniqueEmail("nobody") },
			});
			expect([known.status, unknown.status]).toEqual([202, 202]);
			expect(known.before).toEqual([]);
			expect(unknown.before).toEqual([]);
			// The work still happens, after the answer.
			expect(known.after).toEqual(["getLoginCredentials", "issueToken"]);
			expect(unknown.after).toEqual(["getLoginCredentials"]);
			const tokens = await env.TEST_DB.prepare(
				"SELECT COUNT(*) AS n FROM tokens WHERE user_id = ? AND purpose = 'password_reset'",
			)
				.bind(id)
				.first<{ n: number }>();
			expect(tokens?.n).toBe(1);
		});
	});
});
