/**
 * API tokens through the Customer Worker's RPC surface (issue 21): only the hash is stored, at
 * most 10 per account decided by the INSERT (also when creations race), another account's token
 * is not found, an expired token does not verify, the last use is written at most once a minute,
 * the export names tokens without a hash, and deleting the account removes them.
 */
import { env, exports } from "cloudflare:workers";
import { MAX_API_TOKENS, sha256Hex } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";

const ctx = { requestId: "test-api-tokens" };
const customer = exports.CustomerService;
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";

async function newUser(): Promise<string> {
	const email = `tok-${crypto.randomUUID()}@example.com`;
	const { user } = await customer.createUser(ctx, { email, passwordHash: HASH, locale: "en" });
	return user.id;
}

async function newToken(userId: string, expiresAt?: string) {
	const secret = `sp_${crypto.randomUUID()}`;
	const tokenHash = await sha256Hex(secret);
	const created = await customer.createApiToken(
		ctx,
		userId,
		{ name: "Script", scopes: ["pages:read"], tokenHash, ...(expiresAt ? { expiresAt } : {}) },
		{ plan: "free" },
	);
	if (!created.ok) throw new Error(created.message);
	return { token: created.value, tokenHash };
}

const rows = async (userId: string) =>
	(
		await env.DB.prepare("SELECT * FROM api_tokens WHERE user_id = ?")
			.bind(userId)
			.all<Record<string, unknown>>()
	).results;

describe("API tokens", () => {
	it("stores the hash only and verifies by it, answering the account and scopes", async () => {
		const userId = await newUser();
		const { token, tokenHash } = await newToken(userId);
		expect(token).toMatchObject({ name: "Script", scopes: ["pages:read"] });
		const [row] = await rows(userId);
		expect(row?.token_hash).toBe(tokenHash);
		const verified = await customer.verifyApiToken(ctx, tokenHash);
		expect(verified).toEqual({
			ok: true,
			value: { id: token.id, userId, scopes: ["pages:read"] },
		});
		expect((await customer.verifyApiToken(ctx, "0".repeat(64))).ok).toBe(false);
	});

	it("an expired token does not verify", async () => {
		const userId = await newUser();
		const { token, tokenHash } = await newToken(userId);
		await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?")
			.bind(new Date(Date.now() - 1).toISOString(), token.id)
			.run();
		const verified = await customer.verifyApiToken(ctx, tokenHash);
		expect(verified).toMatchObject({ ok: false, code: "unauthenticated" });
	});

	it("writes the last use once a minute at most", async () => {
		const userId = await newUser();
		const { token, tokenHash } = await newToken(userId);
		await customer.verifyApiToken(ctx, tokenHash);
		const first = (await rows(userId))[0]?.last_used_at;
		expect(first).toEqual(expect.any(String));
		await customer.verifyApiToken(ctx, tokenHash);
		expect((await rows(userId))[0]?.last_used_at).toBe(first);
		const listed = await customer.listApiTokens(ctx, userId);
		expect(listed).toEqual([{ ...token, lastUsedAt: first }]);
	});

	it(`allows ${MAX_API_TOKENS} per account, also when creations race`, async () => {
		const userId = await newUser();
		const results = await Promise.all(
			Array.from({ length: MAX_API_TOKENS + 3 }, async () => {
				const tokenHash = await sha256Hex(crypto.randomUUID());
				return customer.createApiToken(
					ctx,
					userId,
					{ name: "race", scopes: ["stats:read"], tokenHash },
					{ plan: "pro" },
				);
			}),
		);
		expect(results.filter((r) => r.ok)).toHaveLength(MAX_API_TOKENS);
		expect(results.find((r) => !r.ok)).toMatchObject({
			code: "plan_limit_reached",
			limit: { name: "maxApiTokens", max: MAX_API_TOKENS, plan: "pro" },
		});
		expect(await rows(userId)).toHaveLength(MAX_API_TOKENS);
	});

	it("another account's token is not found and stays", async () => {
		const owner = await newUser();
		const other = await newUser();
		const { token, tokenHash } = await newToken(owner);
		expect(await customer.revokeApiToken(ctx, other, token.id)).toMatchObject({
			ok: false,
			code: "not_found",
		});
		expect((await customer.verifyApiToken(ctx, tokenHash)).ok).toBe(true);
		expect(await customer.revokeApiToken(ctx, owner, token.id)).toEqual({ ok: true, value: null });
		expect((await customer.verifyApiToken(ctx, tokenHash)).ok).toBe(false);
	});

	it("the export names tokens without their hash; deleting the account removes them", async () => {
		const userId = await newUser();
		const { token, tokenHash } = await newToken(
			userId,
			new Date(Date.now() + 86_400_000).toISOString(),
		);
		const exported = await customer.exportAccount(ctx, userId);
		if (!("value" in exported)) throw new Error("the export failed");
		const document = exported.value as { apiTokens: unknown };
		expect(document.apiTokens).toEqual([token]);
		expect(JSON.stringify(document)).not.toContain(tokenHash);
		const deleted = await customer.deleteAccount(ctx, userId);
		expect(deleted.ok).toBe(true);
		expect(await rows(userId)).toEqual([]);
		expect((await customer.verifyApiToken(ctx, tokenHash)).ok).toBe(false);
	});
});
