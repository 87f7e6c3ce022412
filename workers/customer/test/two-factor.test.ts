/**
 * Two-factor sign-in and passkeys through the Customer Worker's RPC surface (issue 20): the TOTP
 * secret is stored sealed (never as the base32 Core shows), a code is accepted once, recovery
 * codes are single-use and hashed, another account's passkey is not found, the counter is a
 * compare-and-set, the export names passkeys and TOTP state without secrets, and deleting the
 * account removes every row.
 */
import { env, exports } from "cloudflare:workers";
import { base32Decode, totpCode, totpStep } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";

const ctx = { requestId: "test-two-factor" };
const customer = exports.CustomerService;
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";

async function newUser(): Promise<string> {
	const email = `tf-${crypto.randomUUID()}@example.com`;
	const { user } = await customer.createUser(ctx, { email, passwordHash: HASH, locale: "en" });
	return user.id;
}

async function codeFor(secret: string, delta = 0): Promise<string> {
	const bytes = base32Decode(secret);
	if (!bytes) throw new Error("not base32");
	return totpCode(bytes, totpStep(Date.now()) + delta);
}

async function enabled(userId: string): Promise<{ secret: string; recoveryCodes: string[] }> {
	const setup = await customer.beginTotpSetup(ctx, userId);
	if (!setup.ok) throw new Error(setup.message);
	const on = await customer.enableTotp(ctx, userId, await codeFor(setup.value.secret, -1));
	if (!on.ok) throw new Error(on.message);
	return { secret: setup.value.secret, recoveryCodes: on.value.recoveryCodes };
}

const count = async (table: string, userId: string) =>
	(
		await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ?`)
			.bind(userId)
			.first<{ n: number }>()
	)?.n;

const passkey = (credentialId: string) => ({
	credentialId,
	publicKey: "pQECAyYgASFYIA",
	signCount: 5,
	transports: ["internal"],
	deviceType: "singleDevice" as const,
	backedUp: false,
	name: "Laptop",
});

describe("TOTP", () => {
	it("stores the secret sealed, not as the base32 shown at setup", async () => {
		const userId = await newUser();
		const setup = await customer.beginTotpSetup(ctx, userId);
		if (!setup.ok) throw new Error(setup.message);
		expect(setup.value.otpauthUrl).toContain(`secret=${setup.value.secret}`);
		const row = await env.DB.prepare("SELECT * FROM totp_secrets WHERE user_id = ?")
			.bind(userId)
			.first<{ secret_ciphertext: string; enabled_at: string | null }>();
		expect(row?.enabled_at).toBeNull();
		expect(row?.secret_ciphertext).toMatch(/^v1\./);
		expect(row?.secret_ciphertext).not.toContain(setup.value.secret);
		// Not on yet: the login does not ask for a code.
		const state = await customer.getTwoFactorState(ctx, userId);
		expect(state.totpEnabled).toBe(false);
	});

	it("a wrong first code does not turn it on; the right one does, with ten recovery codes", async () => {
		const userId = await newUser();
		const setup = await customer.beginTotpSetup(ctx, userId);
		if (!setup.ok) throw new Error(setup.message);
		const wrong = await customer.enableTotp(
			ctx,
			userId,
			(await codeFor(setup.value.secret, 5)) || "000000",
		);
		expect(wrong.ok ? "ok" : wrong.code).toBe("validation_failed");
		const on = await customer.enableTotp(ctx, userId, await codeFor(setup.value.secret));
		expect(on.ok && on.value.recoveryCodes.length).toBe(10);
		expect(await count("recovery_codes", userId)).toBe(10);
		const stored = await env.DB.prepare("SELECT code_hash FROM recovery_codes WHERE user_id = ?")
			.bind(userId)
			.all<{ code_hash: string }>();
		const codes = on.ok ? on.value.recoveryCodes : [];
		for (const { code_hash } of stored.results) expect(codes).not.toContain(code_hash);
		expect((await customer.beginTotpSetup(ctx, userId)).ok).toBe(false);
	});

	it("accepts a code once: the same code again is refused (replay)", async () => {
		const userId = await newUser();
		const { secret } = await enabled(userId);
		const code = await codeFor(secret, 1);
		expect((await customer.verifyTotp(ctx, userId, code)).ok).toBe(true);
		const again = await customer.verifyTotp(ctx, userId, code);
		expect(again.ok ? "ok" : again.code).toBe("invalid_credentials");
		// Two racing uses of one fresh code: exactly one wins.
		const other = await newUser();
		const o = await enabled(other);
		const fresh = await codeFor(o.secret, 1);
		const both = await Promise.all([
			customer.verifyTotp(ctx, other, fresh),
			customer.verifyTotp(ctx, other, fresh),
		]);
		expect(both.filter((r) => r.ok)).toHaveLength(1);
	});

	it("a recovery code works once, with or without its dash; new codes end the old ones", async () => {
		const userId = await newUser();
		const { recoveryCodes } = await enabled(userId);
		const [first = "", second = ""] = recoveryCodes;
		const used = await customer.useRecoveryCode(ctx, userId, first.toUpperCase());
		expect(used.ok && used.value.remaining).toBe(9);
		expect((await customer.useRecoveryCode(ctx, userId, first)).ok).toBe(false);
		expect((await customer.useRecoveryCode(ctx, userId, second.replace("-", ""))).ok).toBe(true);
		const fresh = await customer.regenerateRecoveryCodes(ctx, userId);
		expect(fresh.ok && fresh.value.recoveryCodes.length).toBe(10);
		expect((await customer.useRecoveryCode(ctx, userId, recoveryCodes[2] ?? "")).ok).toBe(false);
	});

	it("another account's recovery code does nothing", async () => {
		const a = await newUser();
		const b = await newUser();
		const { recoveryCodes } = await enabled(a);
		await enabled(b);
		expect((await customer.useRecoveryCode(ctx, b, recoveryCodes[0] ?? "")).ok).toBe(false);
		expect((await customer.useRecoveryCode(ctx, a, recoveryCodes[0] ?? "")).ok).toBe(true);
	});

	it("turning it off removes the secret and the codes; codes then fail", async () => {
		const userId = await newUser();
		const { recoveryCodes } = await enabled(userId);
		expect(await customer.disableTotp(ctx, userId)).toEqual({ wasOn: true });
		expect(await customer.disableTotp(ctx, userId)).toEqual({ wasOn: false });
		expect(await count("totp_secrets", userId)).toBe(0);
		expect(await count("recovery_codes", userId)).toBe(0);
		expect((await customer.useRecoveryCode(ctx, userId, recoveryCodes[0] ?? "")).ok).toBe(false);
		expect((await customer.regenerateRecoveryCodes(ctx, userId)).ok).toBe(false);
	});

	it("a secret sealed for one account does not open for another", async () => {
		const a = await newUser();
		const b = await newUser();
		await customer.beginTotpSetup(ctx, a);
		const setupB = await customer.beginTotpSetup(ctx, b);
		if (!setupB.ok) throw new Error(setupB.message);
		// Move a's ciphertext into b's row: b's code no longer enables anything.
		await env.DB.prepare(
			"UPDATE totp_secrets SET secret_ciphertext = (SELECT secret_ciphertext FROM totp_secrets WHERE user_id = ?) WHERE user_id = ?",
		)
			.bind(a, b)
			.run();
		const result = await customer.enableTotp(ctx, b, await codeFor(setupB.value.secret));
		expect(result.ok).toBe(false);
	});
});

describe("passkeys", () => {
	it("another account's passkey is not found for rename or delete, and stays unchanged", async () => {
		const a = await newUser();
		const b = await newUser();
		const added = await customer.addPasskey(ctx, a, passkey(`cred-${crypto.randomUUID()}`));
		if (!added.ok) throw new Error(added.message);
		const rename = await customer.renamePasskey(ctx, b, added.value.id, "mine now");
		expect(rename.ok ? "ok" : rename.code).toBe("not_found");
		const remove = await customer.deletePasskey(ctx, b, added.value.id);
		expect(remove.ok ? "ok" : remove.code).toBe("not_found");
		expect(await customer.listPasskeys(ctx, a)).toEqual([added.value]);
	});

	it("a credential registered twice is a conflict, also across accounts", async () => {
		const credentialId = `cred-${crypto.randomUUID()}`;
		expect((await customer.addPasskey(ctx, await newUser(), passkey(credentialId))).ok).toBe(true);
		const again = await customer.addPasskey(ctx, await newUser(), passkey(credentialId));
		expect(again.ok ? "ok" : again.code).toBe("conflict");
	});

	it("records a use as a compare-and-set on the counter", async () => {
		const userId = await newUser();
		const credentialId = `cred-${crypto.randomUUID()}`;
		await customer.addPasskey(ctx, userId, passkey(credentialId));
		const found = await customer.findPasskey(ctx, credentialId);
		if (!found.ok) throw new Error(found.message);
		expect(found.value.userId).toBe(userId);
		const use = {
			id: found.value.id,
			expectedSignCount: 5,
			signCount: 6,
			deviceType: "multiDevice" as const,
			backedUp: true,
			challengeHash: "a".repeat(64),
		};
		const both = await Promise.all([
			customer.recordPasskeyUse(ctx, use),
			customer.recordPasskeyUse(ctx, use),
		]);
		expect(both.filter((r) => r.ok)).toHaveLength(1);
		const after = await customer.findPasskey(ctx, credentialId);
		expect(after.ok && [after.value.signCount, after.value.backedUp]).toEqual([6, true]);
		expect((await customer.listPasskeys(ctx, userId))[0]?.lastUsedAt).toBeDefined();
	});

	it("records one assertion once even when the counter stays 0 (synced passkeys)", async () => {
		const userId = await newUser();
		const credentialId = `cred-${crypto.randomUUID()}`;
		await customer.addPasskey(ctx, userId, { ...passkey(credentialId), signCount: 0 });
		const found = await customer.findPasskey(ctx, credentialId);
		if (!found.ok) throw new Error(found.message);
		const use = (challengeHash: string) => ({
			id: found.value.id,
			expectedSignCount: 0,
			signCount: 0,
			deviceType: "multiDevice" as const,
			backedUp: true,
			challengeHash,
		});
		expect((await customer.recordPasskeyUse(ctx, use("b".repeat(64)))).ok).toBe(true);
		expect((await customer.recordPasskeyUse(ctx, use("b".repeat(64)))).ok).toBe(false);
		expect((await customer.recordPasskeyUse(ctx, use("c".repeat(64)))).ok).toBe(true);
	});
});

describe("export and deletion", () => {
	it("the export lists passkeys and whether TOTP is on, never a key, secret or code", async () => {
		const userId = await newUser();
		const { secret, recoveryCodes } = await enabled(userId);
		await customer.addPasskey(ctx, userId, passkey(`cred-${crypto.randomUUID()}`));
		const exported = await customer.exportAccount(ctx, userId);
		if (!("value" in exported)) throw new Error("the export failed");
		const doc = exported.value as { passkeys: unknown[]; twoFactor: unknown };
		expect(doc.twoFactor).toEqual({ totpEnabled: true, recoveryCodesLeft: 10 });
		expect(doc.passkeys).toEqual([
			expect.objectContaining({ name: "Laptop", createdAt: expect.any(String) }),
		]);
		const text = JSON.stringify(exported.value);
		for (const hidden of [secret, "pQECAyYgASFYIA", "secret_ciphertext", "v1.", ...recoveryCodes])
			expect(text).not.toContain(hidden);
	});

	it("deleting the account removes its passkeys, TOTP secret and recovery codes", async () => {
		const userId = await newUser();
		await enabled(userId);
		await customer.addPasskey(ctx, userId, passkey(`cred-${crypto.randomUUID()}`));
		expect((await customer.deleteAccount(ctx, userId)).ok).toBe(true);
		for (const table of ["passkeys", "totp_secrets", "recovery_codes"])
			expect(await count(table, userId)).toBe(0);
	});
});
