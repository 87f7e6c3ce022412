/**
 * Single-use tokens in real D1: hashed at rest, purpose-bound, expiring, invalidated by a newer
 * token, used exactly once even when used concurrently, and dead after any password or e-mail
 * event (bound to the credentials version).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../src/lib/ids";
import { requestEmailChange, resetPassword, verifyEmail } from "../src/users/account";
import { createUser, findUserById, setPasswordHash } from "../src/users/store";
import { consumeToken, issueToken } from "../src/users/tokens";

let userId = "";
const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3600 * 1000;

beforeAll(async () => {
	const created = await createUser(env.DB, {
		email: `tokens-${crypto.randomUUID()}@example.com`,
		passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB",
		locale: "en",
	});
	userId = created.user.id;
});

describe("single-use tokens", () => {
	it("are stored only as SHA-256", async () => {
		const token = await issueToken(env.DB, userId, "verify_email", null, T0);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const rows = await env.DB.prepare("SELECT token_hash FROM tokens WHERE user_id = ?")
			.bind(userId)
			.all<{ token_hash: string }>();
		const hashes = rows.results.map((r) => r.token_hash);
		expect(hashes).toContain(await sha256Hex(token));
		expect(hashes).not.toContain(token);
	});

	it("work once and only for their purpose", async () => {
		const token = await issueToken(env.DB, userId, "password_reset", null, T0);
		expect(await consumeToken(env.DB, token, ["verify_email"], T0)).toBeNull();
		expect(await consumeToken(env.DB, token, ["password_reset"], T0)).toMatchObject({ userId });
		expect(await consumeToken(env.DB, token, ["password_reset"], T0)).toBeNull();
	});

	it("expire: verification after 24 h, reset after 1 h", async () => {
		const verify = await issueToken(env.DB, userId, "verify_email", null, T0);
		expect(await consumeToken(env.DB, verify, ["verify_email"], T0 + 24 * HOUR + 1)).toBeNull();
		const reset = await issueToken(env.DB, userId, "password_reset", null, T0);
		expect(await consumeToken(env.DB, reset, ["password_reset"], T0 + HOUR + 1)).toBeNull();
		const fresh = await issueToken(env.DB, userId, "password_reset", null, T0);
		expect(await consumeToken(env.DB, fresh, ["password_reset"], T0 + HOUR - 1000)).not.toBeNull();
	});

	it("a newer token of the same purpose invalidates the earlier one", async () => {
		const first = await issueToken(env.DB, userId, "password_reset", null, T0);
		const second = await issueToken(env.DB, userId, "password_reset", null, T0);
		expect(await consumeToken(env.DB, first, ["password_reset"], T0)).toBeNull();
		expect(await consumeToken(env.DB, second, ["password_reset"], T0)).not.toBeNull();
	});

	it("used by ten concurrent requests: exactly one succeeds", async () => {
		const token = await issueToken(env.DB, userId, "password_reset", null, T0);
		const results = await Promise.all(
			Array.from({ length: 10 }, () => consumeToken(env.DB, token, ["password_reset"], T0)),
		);
		expect(results.filter((r) => r !== null)).toHaveLength(1);
	});
});

const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";
const NEW_HASH = "$argon2id$v=19$m=19456,t=2,p=1$CCCC$DDDD";
const freshEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

/** A new account whose address is confirmed (an e-mail change needs one). */
async function verifiedUser(tag = "owner"): Promise<{ id: string; email: string }> {
	const email = freshEmail(tag);
	const created = await createUser(env.DB, { email, passwordHash: HASH, locale: "en" });
	await env.DB.prepare("UPDATE users SET email_verified_at = ? WHERE id = ?")
		.bind(new Date().toISOString(), created.user.id)
		.run();
	return { id: created.user.id, email };
}

async function emailOf(id: string): Promise<string | undefined> {
	return (await findUserById(env.DB, id))?.email;
}

async function changeToken(userId: string, newEmail: string): Promise<string> {
	const requested = await requestEmailChange(env.DB, userId, newEmail);
	if (!requested.ok || !requested.value.token) throw new Error("no e-mail change token");
	return requested.value.token;
}

describe("tokens are bound to the credentials version", () => {
	it("#14.3 a token issued before the credentials version moved is dead, even if never marked used", async () => {
		const { id } = await verifiedUser();
		const token = await issueToken(env.DB, id, "password_reset");
		// Only the version moves (no used_at write): the consuming UPDATE alone must refuse it.
		await env.DB.prepare(
			"UPDATE users SET credentials_version = credentials_version + 1 WHERE id = ?",
		)
			.bind(id)
			.run();
		expect(await consumeToken(env.DB, token, ["password_reset"])).toBeNull();
		expect((await resetPassword(env.DB, token, NEW_HASH)).ok).toBe(false);
		const fresh = await issueToken(env.DB, id, "password_reset");
		expect(await consumeToken(env.DB, fresh, ["password_reset"])).toMatchObject({ userId: id });
	});

	it("#14.3 a password reset ends a pending e-mail-change token (SP-02)", async () => {
		const { id, email } = await verifiedUser();
		const attacker = freshEmail("attacker");
		const change = await changeToken(id, attacker);
		const reset = await issueToken(env.DB, id, "password_reset");
		expect((await resetPassword(env.DB, reset, NEW_HASH)).ok).toBe(true);
		const used = await verifyEmail(env.DB, change);
		expect(used.ok).toBe(false);
		expect(!used.ok && used.code).toBe("validation_failed");
		expect(await emailOf(id)).toBe(email);
	});

	it("#14.3 a password change ends a pending reset link and a pending e-mail change (SP-16)", async () => {
		const { id, email } = await verifiedUser();
		const reset = await issueToken(env.DB, id, "password_reset");
		const change = await changeToken(id, freshEmail("attacker"));
		await setPasswordHash(env.DB, id, NEW_HASH, true);
		expect((await resetPassword(env.DB, reset, HASH)).ok).toBe(false);
		expect((await findUserById(env.DB, id))?.password_hash).toBe(NEW_HASH);
		expect((await verifyEmail(env.DB, change)).ok).toBe(false);
		expect(await emailOf(id)).toBe(email);
		// Belt and braces: the outstanding rows are also marked used.
		const open = await env.DB.prepare(
			"SELECT COUNT(*) AS n FROM tokens WHERE user_id = ? AND used_at IS NULL",
		)
			.bind(id)
			.first<{ n: number }>();
		expect(open?.n).toBe(0);
	});

	it("a re-hash with new parameters (not a password change) keeps pending tokens", async () => {
		const { id } = await verifiedUser();
		const reset = await issueToken(env.DB, id, "password_reset");
		await setPasswordHash(env.DB, id, NEW_HASH, false);
		expect((await resetPassword(env.DB, reset, HASH)).ok).toBe(true);
	});

	it("#14.3 a completed e-mail change bumps the credentials version and ends the other tokens", async () => {
		const { id } = await verifiedUser();
		const before = (await findUserById(env.DB, id))?.credentials_version ?? 0;
		const reset = await issueToken(env.DB, id, "password_reset");
		const newEmail = freshEmail("moved");
		const change = await changeToken(id, newEmail);
		const done = await verifyEmail(env.DB, change);
		expect(done.ok && done.value.user.email).toBe(newEmail);
		expect((await findUserById(env.DB, id))?.credentials_version).toBe(before + 1);
		expect((await resetPassword(env.DB, reset, NEW_HASH)).ok).toBe(false);
	});

	it("#14.3 an unverified account cannot start an e-mail change", async () => {
		const created = await createUser(env.DB, {
			email: freshEmail("unverified"),
			passwordHash: HASH,
			locale: "en",
		});
		const requested = await requestEmailChange(env.DB, created.user.id, freshEmail("target"));
		expect(!requested.ok && requested.code).toBe("email_not_verified");
		const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM tokens WHERE user_id = ?")
			.bind(created.user.id)
			.first<{ n: number }>();
		expect(rows?.n).toBe(0);
	});
});

describe("confirming a change to an address that another account takes first", () => {
	it("#14.9 two concurrent confirmations to one address: one wins, the other is a conflict and keeps its token", async () => {
		const a = await verifiedUser("a");
		const b = await verifiedUser("b");
		const target = freshEmail("contested");
		const tokens = [await changeToken(a.id, target), await changeToken(b.id, target)];
		const results = await Promise.allSettled(tokens.map((t) => verifyEmail(env.DB, t)));
		const values = results.map((r) => (r.status === "fulfilled" ? r.value : r.reason));
		const winners = values.filter((v) => v.ok === true);
		const conflicts = values.filter((v) => v.ok === false && v.code === "conflict");
		expect(winners).toHaveLength(1);
		expect(conflicts).toHaveLength(1);
		const winnerId = winners[0]?.value.user.id;
		const loser = winnerId === a.id ? b : a;
		const loserToken = winnerId === a.id ? tokens[1] : tokens[0];
		expect(await emailOf(loser.id)).toBe(loser.email);
		// Not burned: once the address is free again, the loser's link still works.
		const unused = await env.DB.prepare("SELECT used_at FROM tokens WHERE token_hash = ?")
			.bind(await sha256Hex(loserToken ?? ""))
			.first<{ used_at: string | null }>();
		expect(unused?.used_at).toBeNull();
		await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(winnerId).run();
		const later = await verifyEmail(env.DB, loserToken ?? "");
		expect(later.ok && later.value.user.email).toBe(target);
	});

	it("#14.9 a confirmation to an address taken in the meantime is a conflict; nothing changes", async () => {
		const a = await verifiedUser("a");
		const target = freshEmail("taken-later");
		const token = await changeToken(a.id, target);
		await createUser(env.DB, { email: target, passwordHash: HASH, locale: "en" });
		const res = await verifyEmail(env.DB, token);
		expect(!res.ok && res.code).toBe("conflict");
		expect(await emailOf(a.id)).toBe(a.email);
		const row = await env.DB.prepare("SELECT used_at FROM tokens WHERE token_hash = ?")
			.bind(await sha256Hex(token))
			.first<{ used_at: string | null }>();
		expect(row?.used_at).toBeNull();
	});
});
