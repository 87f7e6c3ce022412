/**
 * Issue 3 acceptance journey over real HTTP against the running stack: sign-up → verification
 * mail → verify → logout → login → forgot → reset link → reset → the old session is dead →
 * login with the new password → export → delete → login fails.
 */
import { describe, expect, it } from "vitest";
import { client, mailTo, PASSWORD, stack, tokenFrom, uniqueEmail } from "../support/api.ts";

describe("account journey", () => {
	it("goes from sign-up to deletion through mails in the local inbox", async () => {
		const email = uniqueEmail("journey");
		const browser = client();

		const signup = await browser.call("POST /auth/signup", {
			body: {
				email,
				password: PASSWORD,
				locale: "de",
			},
		});
		expect(signup.status).toBe(201);
		expect(signup.body.user.emailVerified).toBe(false);
		expect(signup.headers.get("Set-Cookie")).toMatch(
			/^__Host-sp_session=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
		);

		const verifyMail = await mailTo(email, /E-Mail-Adresse/);
		expect(verifyMail.text).toContain(`${stack.urls.web}/verify-email#token=`);
		const verified = await browser.call("POST /auth/verify-email", {
			body: {
				token: tokenFrom(verifyMail),
			},
		});
		expect(verified.status).toBe(200);
		expect(verified.body.user.emailVerified).toBe(true);
		await mailTo(email, /bereit/); // welcome mail, in German

		expect((await browser.call("POST /auth/logout")).status).toBe(204);
		expect((await browser.call("GET /me")).status).toBe(401);

		expect(
			(await browser.call("POST /auth/login", { body: { email, password: PASSWORD } })).status,
		).toBe(200);
		const me = await browser.call("GET /me");
		expect(me.status).toBe(200);
		expect(me.body.user).toMatchObject({ email, locale: "de" });

		const stranger = client();
		expect((await stranger.call("POST /auth/password/forgot", { body: { email } })).status).toBe(
			202,
		);
		const resetMail = await mailTo(email, /zurücksetzen/);
		const newPassword = "an even sturdier passphrase 43";
		const reset = await stranger.call("POST /auth/password/reset", {
			body: {
				token: tokenFrom(resetMail),
				password: newPassword,
			},
		});
		expect(reset.status).toBe(204);

		// The session from before the reset is dead.
		expect((await browser.call("GET /me")).status).toBe(401);
		expect(
			(await browser.call("POST /auth/login", { body: { email, password: PASSWORD } })).status,
		).toBe(401);
		expect(
			(await browser.call("POST /auth/login", { body: { email, password: newPassword } })).status,
		).toBe(200);

		const exported = await browser.call("GET /me/export");
		expect(exported.status).toBe(200);
		expect(exported.headers.get("Content-Disposition")).toMatch(/^attachment/);
		expect(exported.body.user.email).toBe(email);
		expect(exported.text).not.toContain("argon2");

		expect((await browser.call("DELETE /me", { body: { password: newPassword } })).status).toBe(
			204,
		);
		expect((await browser.call("GET /me")).status).toBe(401);
		const after = await client().call("POST /auth/login", {
			body: { email, password: newPassword },
		});
		expect(after.status).toBe(401);
		expect(after.error.code).toBe("invalid_credentials");
	});
});
