/**
 * GET /me/totp, POST /me/totp/setup, POST /me/totp/enable, POST /me/totp/recovery-codes and
 * DELETE /me/totp (src/routes/me/totp.ts), through the real app (issue 20).
 */
import { env } from "cloudflare:workers";
import { sha256Hex } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { RECENT_SIGN_IN_MS } from "../../../src/auth/confirm";
import { mailTo, tokenFrom } from "../../support/mail";
import { account, call, raw } from "../../support/request";
import { codeAt, enableTotp } from "../../support/totp";

const stored = (userId: string) =>
	env.TEST_DB.prepare("SELECT enabled_at, last_step FROM totp_secrets WHERE user_id = ?")
		.bind(userId)
		.first<{ enabled_at: string | null; last_step: number }>();

describe("happy", () => {
	it("setup → enable with a code → ten recovery codes, a mail, and GET says on", async () => {
		const owner = await account("free");
		expect((await call("GET /me/totp", { as: owner })).body).toEqual({
			enabled: false,
			recoveryCodesLeft: 0,
		});
		const setup = await call("POST /me/totp/setup", { as: owner });
		expect(setup.status).toBe(200);
		expect(setup.headers.get("Cache-Control")).toBe("no-store");
		expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(setup.body.otpauthUrl).toBe(
			`otpauth://totp/SmartPages:${encodeURIComponent(owner.email)}?secret=${setup.body.secret}&issuer=SmartPages&algorithm=SHA1&digits=6&period=30`,
		);
		const enabled = await call("POST /me/totp/enable", {
			as: owner,
			body: { code: await codeAt(setup.body.secret), password: owner.password },
		});
		expect(enabled.body.recoveryCodes).toHaveLength(10);
		for (const code of enabled.body.recoveryCodes)
			expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
		expect((await call("GET /me/totp", { as: owner })).body).toEqual({
			enabled: true,
			recoveryCodesLeft: 10,
		});
		await mailTo(owner.email, /two-factor sign-in is on/i);
	});

	it("new recovery codes with the password replace the old set", async () => {
		const owner = await account("free");
		const { recoveryCodes } = await enableTotp(owner);
		const fresh = await call("POST /me/totp/recovery-codes", {
			as: owner,
			body: { password: owner.password },
		});
		expect(fresh.body.recoveryCodes).toHaveLength(10);
		expect(fresh.body.recoveryCodes).not.toContain(recoveryCodes[0]);
	});

	it("turning it off with the password: 204, a mail, and the login asks for no code", async () => {
		const owner = await account("free");
		await enableTotp(owner);
		const off = await call("DELETE /me/totp", { as: owner, body: { password: owner.password } });
		expect(off.status).toBe(204);
		expect(await stored(owner.userId)).toBeNull();
		await mailTo(owner.email, /turned off/i);
		const login = await call("POST /auth/login", {
			body: { email: owner.email, password: owner.password },
		});
		expect(login.body).toHaveProperty("user");
	});
});

/** Moves the account's session's sign-in `ms` into the past (the record is the session). */
async function signedInAgo(owner: { cookie: string }, ms: number) {
	const token = owner.cookie.slice(owner.cookie.indexOf("=") + 1);
	const key = `session:${await sha256Hex(token)}`;
	const record = await env.SESSIONS.get<{ createdAt: number }>(key, "json");
	if (!record) throw new Error("no session record");
	await env.SESSIONS.put(key, JSON.stringify({ ...record, createdAt: record.createdAt - ms }));
}

describe("the contract's {code} and the password of an older session", () => {
	it("a session that has just signed in turns it on with the code alone (api.md)", async () => {
		const owner = await account("free");
		const setup = await call("POST /me/totp/setup", { as: owner });
		const res = await call("POST /me/totp/enable", {
			as: owner,
			body: { code: await codeAt(setup.body.secret) },
		});
		expect(res.status).toBe(200);
		expect(res.body.recoveryCodes).toHaveLength(10);
	});

	it("a session signed in longer ago must give the password: without it 400 on `password`, nothing on", async () => {
		const owner = await account("free");
		const setup = await call("POST /me/totp/setup", { as: owner });
		await signedInAgo(owner, RECENT_SIGN_IN_MS + 60_000);
		const bare = await call("POST /me/totp/enable", {
			as: owner,
			body: { code: await codeAt(setup.body.secret) },
		});
		expect(bare.status).toBe(400);
		expect(bare.error.fields).toEqual({ password: "is required" });
		expect((await stored(owner.userId))?.enabled_at).toBeNull();
		const withPassword = await call("POST /me/totp/enable", {
			as: owner,
			body: { code: await codeAt(setup.body.secret), password: owner.password },
		});
		expect(withPassword.status).toBe(200);
	});
});

describe("error", () => {
	it("a wrong first code → 400 on `code`, and it stays off", async () => {
		const owner = await account("free");
		const setup = await call("POST /me/totp/setup", { as: owner });
		const wrong = await call("POST /me/totp/enable", {
			as: owner,
			body: { code: await codeAt(setup.body.secret, 4), password: owner.password },
		});
		expect(wrong.status).toBe(400);
		expect(wrong.error.fields).toEqual({ code: "is not correct" });
		expect((await stored(owner.userId))?.enabled_at).toBeNull();
	});

	it("#20 the right code with a wrong password → 400 on `password`, and it stays off", async () => {
		const owner = await account("free");
		const setup = await call("POST /me/totp/setup", { as: owner });
		const res = await call("POST /me/totp/enable", {
			as: owner,
			body: { code: await codeAt(setup.body.secret), password: "not the password 1" },
		});
		expect(res.status).toBe(400);
		expect(res.error.fields).toEqual({ password: "is not correct" });
		expect((await stored(owner.userId))?.enabled_at).toBeNull();
	});

	it("enable without a setup, or setup while on → 409", async () => {
		const owner = await account("free");
		const early = await call("POST /me/totp/enable", {
			as: owner,
			body: { code: "123456", password: owner.password },
		});
		expect(early.status).toBe(409);
		await enableTotp(owner);
		expect((await call("POST /me/totp/setup", { as: owner })).status).toBe(409);
	});

	it("a wrong password → 400 and nothing changes; recovery codes while off → 409", async () => {
		const owner = await account("free");
		const wrongOff = await call("DELETE /me/totp", { as: owner, body: { password: "not it 123" } });
		expect(wrongOff.status).toBe(400);
		expect(
			(
				await call("POST /me/totp/recovery-codes", {
					as: owner,
					body: { password: owner.password },
				})
			).status,
		).toBe(409);
		await enableTotp(owner);
		const before = await stored(owner.userId);
		expect(
			(await call("DELETE /me/totp", { as: owner, body: { password: "not it 123" } })).status,
		).toBe(400);
		expect(
			(await call("POST /me/totp/recovery-codes", { as: owner, body: { password: "nope nope" } }))
				.status,
		).toBe(400);
		expect(await stored(owner.userId)).toEqual(before);
	});

	it.each([
		["a number", { code: 123456, password: "harness passphrase 1" }],
		["five digits", { code: "12345", password: "harness passphrase 1" }],
		["letters", { code: "12345a", password: "harness passphrase 1" }],
		["oversized", { code: "1".repeat(100_000), password: "harness passphrase 1" }],
		["hostile", { code: "<script>alert(1)</script>", password: "harness passphrase 1" }],
		["an extra field", { code: "123456", password: "harness passphrase 1", enabled: true }],
		["no password", { code: "123456" }],
		["nothing", {}],
	])("enable with %s → 400 (or 413), nothing changes", async (_, body) => {
		const owner = await account("free");
		await call("POST /me/totp/setup", { as: owner });
		const res = await raw("POST", "/me/totp/enable", {
			as: owner,
			body: JSON.stringify(body),
			headers: { "Content-Type": "application/json" },
		});
		expect([400, 413]).toContain(res.status);
		expect((await stored(owner.userId))?.enabled_at).toBeNull();
	});

	it("DELETE without a password, or with a wrong type → 400", async () => {
		const owner = await account("free");
		await enableTotp(owner);
		for (const body of [{}, { password: 12345678 }, { password: ["x"] }]) {
			const res = await raw("DELETE", "/me/totp", {
				as: owner,
				body: JSON.stringify(body),
				headers: { "Content-Type": "application/json" },
			});
			expect(res.status).toBe(400);
		}
		expect((await stored(owner.userId))?.enabled_at).not.toBeNull();
	});
});

describe("security", () => {
	it("every route needs a session (401)", async () => {
		for (const [method, path] of [
			["GET", "/me/totp"],
			["POST", "/me/totp/setup"],
			["POST", "/me/totp/enable"],
			["POST", "/me/totp/recovery-codes"],
			["DELETE", "/me/totp"],
		] as const) {
			const res = await raw(method, path, {
				body: method === "GET" ? null : "{}",
				headers: { "Content-Type": "application/json" },
			});
			expect(res.status, `${method} ${path}`).toBe(401);
		}
	});

	it("the secret is never stored in plain text", async () => {
		const owner = await account("free");
		const { secret } = await enableTotp(owner);
		const row = await env.TEST_DB.prepare("SELECT * FROM totp_secrets WHERE user_id = ?")
			.bind(owner.userId)
			.first();
		expect(JSON.stringify(row)).not.toContain(secret);
	});

	it("the export says TOTP is on and lists no secret or code", async () => {
		const owner = await account("free");
		const { secret, recoveryCodes } = await enableTotp(owner);
		const exported = await call("GET /me/export", { as: owner });
		expect(exported.body.twoFactor).toEqual({ totpEnabled: true, recoveryCodesLeft: 10 });
		for (const hidden of [secret, ...recoveryCodes]) expect(exported.text).not.toContain(hidden);
	});

	it("a password reset does not switch two-factor off", async () => {
		const owner = await account("free");
		await enableTotp(owner);
		await call("POST /auth/password/forgot", { body: { email: owner.email } });
		const mail = await mailTo(owner.email, /reset/i);
		const reset = await call("POST /auth/password/reset", {
			body: { token: tokenFrom(mail), password: "a brand new passphrase" },
		});
		expect(reset.status).toBe(204);
		const login = await call("POST /auth/login", {
			body: { email: owner.email, password: "a brand new passphrase" },
		});
		expect(login.body).toMatchObject({ mfaRequired: true });
		expect(login.headers.get("Set-Cookie")).toBeNull();
	});
});
