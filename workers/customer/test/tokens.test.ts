/**
 * Single-use tokens in real D1: hashed at rest, purpose-bound, expiring, invalidated by a newer
 * token, and used exactly once even when used concurrently.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../src/lib/ids";
import { createUser } from "../src/users/store";
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
