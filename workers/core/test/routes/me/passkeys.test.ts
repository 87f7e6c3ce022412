/**
 * POST /me/passkeys/options, POST /me/passkeys, GET /me/passkeys, PATCH and DELETE
 * /me/passkeys/:id (src/routes/me/passkeys.ts) and the passkey sign-in, POST
 * /auth/passkey/options and POST /auth/passkey (src/routes/auth/passkey.ts), with a software
 * authenticator (ES256 made in the test, attestation "none", assertions built by hand).
 */
import { env } from "cloudflare:workers";
import { SoftAuthenticator } from "@smartpages/testing/soft-authenticator";
import { describe, expect, it, vi } from "vitest";
import { mailTo } from "../../support/mail";
import { type Account, APP_ORIGIN, account, call, cookieOf, raw } from "../../support/request";
import { enableTotp } from "../../support/totp";

/** Registers a new software passkey for the account; answers the authenticator and the passkey. */
async function register(owner: Account, name = "Laptop") {
	const device = await SoftAuthenticator.create(APP_ORIGIN);
	const { options } = (await call("POST /me/passkeys/options", { as: owner })).body;
	const response = await device.register(options as { challenge: string; user: { id: string } });
	const created = await call("POST /me/passkeys", { as: owner, body: { name, response } });
	expect(created.status).toBe(201);
	return { device, passkey: created.body.passkey };
}

async function signInOptions(): Promise<{ challenge: string }> {
	const res = await call("POST /auth/passkey/options");
	return res.body.options;
}

const signIn = (response: unknown) => call("POST /auth/passkey", { body: { response } });

describe("happy", () => {
	it("registers a passkey (201, mailed), lists, renames, and signs in with it without an e-mail", async () => {
		const owner = await account("free");
		const { device, passkey } = await register(owner, "MacBook");
		expect(passkey).toEqual({
			id: expect.stringMatching(/^pk_/),
			name: "MacBook",
			createdAt: expect.any(String),
		});
		await mailTo(owner.email, /passkey was added/i);
		expect((await call("GET /me/passkeys", { as: owner })).body.passkeys).toEqual([passkey]);
		const renamed = await call("PATCH /me/passkeys/:id", {
			as: owner,
			params: { id: passkey.id },
			body: { name: "  Work laptop  " },
		});
		expect(renamed.body.passkey.name).toBe("Work laptop");

		const options = await signInOptions();
		expect(options).toMatchObject({ rpId: "localhost", userVerification: "required" });
		const res = await signIn(await device.assert(options));
		expect(res.status).toBe(200);
		expect(res.body.user.id).toBe(owner.userId);
		const cookie = cookieOf(res);
		expect((await call("GET /me", { as: { cookie } })).status).toBe(200);
		const listed = (await call("GET /me/passkeys", { as: owner })).body.passkeys[0];
		expect(listed?.lastUsedAt).toBeDefined();
	});

	it("#20 a passkey signs in without the TOTP step (it satisfies two-factor)", async () => {
		const owner = await account("free");
		await enableTotp(owner);
		const { device } = await register(owner);
		const res = await signIn(await device.assert(await signInOptions()));
		expect(res.status).toBe(200);
		expect(cookieOf(res)).toMatch(/^__Host-sp_session=/);
	});

	it("delete → 204, and the passkey no longer signs in", async () => {
		const owner = await account("free");
		const { device, passkey } = await register(owner);
		const removed = await call("DELETE /me/passkeys/:id", {
			as: owner,
			params: { id: passkey.id },
		});
		expect(removed.status).toBe(204);
		expect((await call("GET /me/passkeys", { as: owner })).body.passkeys).toEqual([]);
		expect((await signIn(await device.assert(await signInOptions()))).status).toBe(401);
	});
});

describe("error", () => {
	it("a replayed assertion → 401 (the challenge is used up)", async () => {
		const owner = await account("free");
		const { device } = await register(owner);
		const assertion = await device.assert(await signInOptions());
		expect((await signIn(assertion)).status).toBe(200);
		const replay = await signIn(assertion);
		expect(replay.status).toBe(401);
		expect(replay.error.code).toBe("invalid_credentials");
	});

	it("#20 one assertion sent twice at once signs in once, also when the counter stays 0", async () => {
		const owner = await account("free");
		const { device } = await register(owner);
		const assertion = await device.assert(await signInOptions(), { counter: 0, backedUp: false });
		const [a, b] = await Promise.all([signIn(assertion), signIn(assertion)]);
		expect([a.status, b.status].sort()).toEqual([200, 401]);
		// Another challenge with the same (zero) counter still works: the counter does not count.
		expect((await signIn(await device.assert(await signInOptions(), { counter: 0 }))).status).toBe(
			200,
		);
	});

	it("a wrong origin, a wrong RP id, a made-up challenge, no user verification → 401", async () => {
		const owner = await account("free");
		const { device } = await register(owner);
		for (const bend of [
			{ origin: "https://evil.example" },
			{ rpId: "evil.example" },
			{ challenge: "bm90LWEtY2hhbGxlbmdlLXdlLWlzc3VlZA" },
			{ noUserVerification: true },
		]) {
			const res = await signIn(await device.assert(await signInOptions(), bend));
			expect(res.status, JSON.stringify(bend)).toBe(401);
		}
		// The authenticator itself still works.
		expect((await signIn(await device.assert(await signInOptions()))).status).toBe(200);
	});

	it("#20 a counter that goes backwards → 401, logged as a cloned-authenticator signal", async () => {
		const owner = await account("free");
		const { device } = await register(owner);
		expect((await signIn(await device.assert(await signInOptions(), { counter: 10 }))).status).toBe(
			200,
		);
		const warn = vi.spyOn(console, "warn");
		const log = vi.spyOn(console, "log");
		const res = await signIn(await device.assert(await signInOptions(), { counter: 9 }));
		expect(res.status).toBe(401);
		const lines = [...warn.mock.calls, ...log.mock.calls].map((args) => String(args[0]));
		expect(lines.some((l) => l.includes("cloned authenticator"))).toBe(true);
		warn.mockRestore();
		log.mockRestore();
	});

	it("#20 a single-device passkey that turns up backup-eligible → 401 (a cloned authenticator)", async () => {
		const owner = await account("free");
		const { device } = await register(owner);
		const res = await signIn(await device.assert(await signInOptions(), { backedUp: true }));
		expect(res.status).toBe(401);
		expect((await signIn(await device.assert(await signInOptions()))).status).toBe(200);
	});

	it("a synced (backed-up) passkey signs in, and its flags are stored", async () => {
		const owner = await account("free");
		const device = await SoftAuthenticator.create(APP_ORIGIN);
		const { options } = (await call("POST /me/passkeys/options", { as: owner })).body;
		const response = await device.register(options as { challenge: string; user: { id: string } }, {
			backedUp: true,
		});
		const created = await call("POST /me/passkeys", {
			as: owner,
			body: { name: "Synced", response },
		});
		expect(created.status).toBe(201);
		const row = () =>
			env.TEST_DB.prepare("SELECT device_type, backed_up, sign_count FROM passkeys WHERE id = ?")
				.bind(created.body.passkey.id)
				.first();
		expect(await row()).toEqual({ device_type: "multiDevice", backed_up: 1, sign_count: 0 });
		const res = await signIn(await device.assert(await signInOptions(), { backedUp: true }));
		expect(res.status).toBe(200);
		expect(await row()).toEqual({ device_type: "multiDevice", backed_up: 1, sign_count: 1 });
	});

	it("an unknown credential → 401", async () => {
		const stranger = await SoftAuthenticator.create(APP_ORIGIN);
		stranger.userHandle = "dXNyX3Vua25vd24";
		expect((await signIn(await stranger.assert(await signInOptions()))).status).toBe(401);
	});

	it("a registration with a wrong origin, RP id or challenge → 400 and nothing stored", async () => {
		const owner = await account("free");
		for (const bend of [
			{ origin: "https://evil.example" },
			{ rpId: "evil.example" },
			{ challenge: "bm90LWEtY2hhbGxlbmdl" },
		]) {
			const device = await SoftAuthenticator.create(APP_ORIGIN);
			const { options } = (await call("POST /me/passkeys/options", { as: owner })).body;
			const response = await device.register(
				options as { challenge: string; user: { id: string } },
				bend,
			);
			const res = await call("POST /me/passkeys", { as: owner, body: { name: "x", response } });
			expect(res.status, JSON.stringify(bend)).toBe(400);
		}
		// Without options first (no challenge waiting) → 400 too.
		const device = await SoftAuthenticator.create(APP_ORIGIN);
		const response = await device.register({ challenge: "YWJj", user: { id: "dXNy" } });
		expect(
			(await call("POST /me/passkeys", { as: owner, body: { name: "x", response } })).status,
		).toBe(400);
		expect((await call("GET /me/passkeys", { as: owner })).body.passkeys).toEqual([]);
	});

	it.each([
		["a number name", { name: 5 }],
		["an empty name", { name: "   " }],
		["an oversized name", { name: "n".repeat(65) }],
		["a control character", { name: "a\u0007b" }],
		["no response", { name: "x" }],
		["a response of the wrong type", { name: "x", response: "nope" }],
		[
			"a non-base64url id",
			{
				name: "x",
				response: {
					id: "<script>",
					rawId: "a",
					type: "public-key",
					response: { clientDataJSON: "a", attestationObject: "a" },
				},
			},
		],
	])("register with %s → 400", async (_, body) => {
		const owner = await account("free");
		const res = await raw("POST", "/me/passkeys", {
			as: owner,
			body: JSON.stringify(body),
			headers: { "Content-Type": "application/json" },
		});
		expect(res.status).toBe(400);
	});

	it("rename with a bad name → 400 and the name unchanged", async () => {
		const owner = await account("free");
		const { passkey } = await register(owner, "Phone");
		for (const name of ["", "x".repeat(65), 12, null, "\u2028"]) {
			const res = await raw("PATCH", `/me/passkeys/${passkey.id}`, {
				as: owner,
				body: JSON.stringify({ name }),
				headers: { "Content-Type": "application/json" },
			});
			expect(res.status).toBe(400);
		}
		expect((await call("GET /me/passkeys", { as: owner })).body.passkeys[0]?.name).toBe("Phone");
	});
});

describe("security", () => {
	it("another account's passkey id → 404 for rename and delete, and it stays", async () => {
		const owner = await account("free");
		const other = await account("other");
		const { device, passkey } = await register(owner);
		const rename = await call("PATCH /me/passkeys/:id", {
			as: other,
			params: { id: passkey.id },
			body: { name: "taken" },
		});
		expect(rename.status).toBe(404);
		const remove = await call("DELETE /me/passkeys/:id", { as: other, params: { id: passkey.id } });
		expect(remove.status).toBe(404);
		expect((await call("GET /me/passkeys", { as: owner })).body.passkeys).toEqual([passkey]);
		expect((await call("GET /me/passkeys", { as: other })).body.passkeys).toEqual([]);
		expect((await signIn(await device.assert(await signInOptions()))).status).toBe(200);
	});

	it("hostile or unknown ids → 404", async () => {
		const owner = await account("free");
		for (const id of ["pk_aaaaaaaaaaaaaaaaaaaa", "' OR 1=1 --", "%00", "x".repeat(500)]) {
			const res = await call("DELETE /me/passkeys/:id", { as: owner, params: { id } });
			expect(res.status, id).toBe(404);
		}
	});

	it("the account's routes need a session (401)", async () => {
		for (const [method, path] of [
			["POST", "/me/passkeys/options"],
			["POST", "/me/passkeys"],
			["GET", "/me/passkeys"],
			["PATCH", "/me/passkeys/pk_aaaaaaaaaaaaaaaaaaaa"],
			["DELETE", "/me/passkeys/pk_aaaaaaaaaaaaaaaaaaaa"],
		] as const) {
			const res = await raw(method, path, {
				body: method === "GET" || method === "DELETE" ? null : "{}",
				headers: { "Content-Type": "application/json" },
			});
			expect(res.status, `${method} ${path}`).toBe(401);
		}
	});

	it("the export lists passkey names and dates, never the key; deletion removes them", async () => {
		const owner = await account("free");
		const { passkey } = await register(owner, "Tablet");
		const exported = await call("GET /me/export", { as: owner });
		expect(exported.body.passkeys).toEqual([passkey]);
		const row = await env.TEST_DB.prepare(
			"SELECT public_key, credential_id FROM passkeys WHERE id = ?",
		)
			.bind(passkey.id)
			.first<{ public_key: string; credential_id: string }>();
		expect(exported.text).not.toContain(row?.public_key);
		expect(exported.text).not.toContain(row?.credential_id);
		expect(
			(await call("DELETE /me", { as: owner, body: { password: owner.password } })).status,
		).toBe(204);
		const left = await env.TEST_DB.prepare("SELECT COUNT(*) AS n FROM passkeys WHERE user_id = ?")
			.bind(owner.userId)
			.first<{ n: number }>();
		expect(left?.n).toBe(0);
	});
});
