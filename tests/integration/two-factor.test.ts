/**
 * Issue 20 acceptance over real HTTP against the running stack. Passkeys with a software
 * authenticator (ES256 made here, attestation "none", assertions built by hand): register → sign
 * in by passkey without an e-mail → a replayed assertion, one with a wrong origin and one with a
 * wrong RP id → 401; delete the passkey → it no longer signs in. TOTP with codes computed here:
 * enable → login answers mfaRequired and no cookie → a wrong code 401, the right code a session →
 * the same code again refused → five wrong codes end a ticket → a recovery code works once →
 * disable with the password.
 */
import { base32Decode, totpCode, totpStep } from "@smartpages/contracts";
import { SoftAuthenticator } from "@smartpages/testing/soft-authenticator";
import { describe, expect, it } from "vitest";
import { client, mailTo, PASSWORD, signedUp, stack } from "../support/api.ts";

async function codeAt(secret: string, delta = 0): Promise<string> {
	const bytes = base32Decode(secret);
	if (!bytes) throw new Error("not base32");
	return totpCode(bytes, totpStep(Date.now()) + delta);
}

describe("passkeys", () => {
	it("register → sign in without an e-mail → replay, wrong origin, wrong RP id 401 → delete → no sign-in", async () => {
		const { api, email, userId } = await signedUp();
		const device = await SoftAuthenticator.create(stack.urls.web);
		const creation = await api.call("POST /me/passkeys/options");
		expect(creation.status).toBe(200);
		const registered = await api.call("POST /me/passkeys", {
			body: {
				name: "Test key",
				response: await device.register(
					creation.body.options as { challenge: string; user: { id: string } },
				),
			},
		});
		expect(registered.status).toBe(201);
		await mailTo(email, /passkey/i);

		const browser = client();
		const options = (await browser.call("POST /auth/passkey/options")).body.options;
		const assertion = await device.assert(options);
		const signedIn = await browser.call("POST /auth/passkey", { body: { response: assertion } });
		expect(signedIn.status).toBe(200);
		expect(signedIn.body.user.id).toBe(userId);
		expect((await browser.call("GET /me")).status).toBe(200);

		const stranger = client();
		const replay = await stranger.call("POST /auth/passkey", { body: { response: assertion } });
		expect(replay.status).toBe(401);
		for (const bend of [{ origin: "https://evil.example" }, { rpId: "evil.example" }]) {
			const fresh = (await stranger.call("POST /auth/passkey/options")).body.options;
			const res = await stranger.call("POST /auth/passkey", {
				body: { response: await device.assert(fresh, bend) },
			});
			expect(res.status, JSON.stringify(bend)).toBe(401);
			expect(res.headers.get("Set-Cookie")).toBeNull();
		}

		const removed = await api.call("DELETE /me/passkeys/:id", {
			params: { id: registered.body.passkey.id },
		});
		expect(removed.status).toBe(204);
		const after = (await stranger.call("POST /auth/passkey/options")).body.options;
		const gone = await stranger.call("POST /auth/passkey", {
			body: { response: await device.assert(after) },
		});
		expect(gone.status).toBe(401);
	});
});

describe("TOTP", () => {
	it("enable → ticket without cookie → wrong 401 → right code a session → replay refused → recovery code once → disable", async () => {
		const { api, email } = await signedUp();
		const setup = await api.call("POST /me/totp/setup");
		const { secret } = setup.body;
		const enabled = await api.call("POST /me/totp/enable", {
			body: { code: await codeAt(secret, -1), password: PASSWORD },
		});
		expect(enabled.status).toBe(200);
		const [recovery = ""] = enabled.body.recoveryCodes;

		const login = async () => {
			const browser = client();
			const res = await browser.call("POST /auth/login", { body: { email, password: PASSWORD } });
			expect(res.status).toBe(200);
			expect(res.headers.get("Set-Cookie")).toBeNull();
			if (!("ticket" in res.body)) throw new Error("no second step");
			return { browser, ticket: res.body.ticket };
		};

		const first = await login();
		const wrong = await first.browser.call("POST /auth/login/mfa", {
			body: { ticket: first.ticket, code: await codeAt(secret, 6) },
		});
		expect(wrong.status).toBe(401);
		const code = await codeAt(secret, 0);
		const right = await first.browser.call("POST /auth/login/mfa", {
			body: { ticket: first.ticket, code },
		});
		expect(right.status).toBe(200);
		expect((await first.browser.call("GET /me")).status).toBe(200);

		const second = await login();
		const replay = await second.browser.call("POST /auth/login/mfa", {
			body: { ticket: second.ticket, code },
		});
		expect(replay.status).toBe(401);

		const third = await login();
		const viaRecovery = await third.browser.call("POST /auth/login/mfa", {
			body: { ticket: third.ticket, recoveryCode: recovery },
		});
		expect(viaRecovery.status).toBe(200);
		await mailTo(email, /recovery code/i);
		const fourth = await login();
		const again = await fourth.browser.call("POST /auth/login/mfa", {
			body: { ticket: fourth.ticket, recoveryCode: recovery },
		});
		expect(again.status).toBe(401);

		const off = await api.call("DELETE /me/totp", { body: { password: PASSWORD } });
		expect(off.status).toBe(204);
		const plain = await client().call("POST /auth/login", { body: { email, password: PASSWORD } });
		expect(plain.body).toHaveProperty("user");
	});

	it("five wrong codes end the ticket", async () => {
		const { api, email } = await signedUp();
		const { secret } = (await api.call("POST /me/totp/setup")).body;
		await api.call("POST /me/totp/enable", {
			body: { code: await codeAt(secret, -1), password: PASSWORD },
		});
		const browser = client();
		const res = await browser.call("POST /auth/login", { body: { email, password: PASSWORD } });
		if (!("ticket" in res.body)) throw new Error("no second step");
		const { ticket } = res.body;
		const wrong = await codeAt(secret, 8);
		for (let i = 0; i < 5; i++) {
			const attempt = await client().call("POST /auth/login/mfa", {
				body: { ticket, code: wrong },
			});
			expect(attempt.status).toBe(401);
		}
		const late = await client().call("POST /auth/login/mfa", {
			body: { ticket, code: await codeAt(secret, 1) },
		});
		expect([401, 429]).toContain(late.status);
		expect(late.headers.get("Set-Cookie")).toBeNull();
	});
});
