/**
 * POST /me/tokens, GET /me/tokens, DELETE /me/tokens/:id (src/routes/me/tokens.ts) and the
 * bearer authentication they enable (src/auth/api-tokens.ts, in the session middleware): default
 * deny by the contract's token table, scopes, revocation and expiry, the CSRF check that a bearer
 * request never meets, the per-token rate limit, and the log line with the token's id.
 */
import { env } from "cloudflare:workers";
import { MAX_API_TOKENS, sha256Hex, type TokenScope } from "@smartpages/contracts";
import { describe, expect, it, vi } from "vitest";
import {
	type Account,
	account,
	call,
	type Endpoint,
	raw,
	withResources,
} from "../../support/request";

const DAY = 86_400_000;

/** Creates a token for the account; answers the token and its secret. */
async function create(owner: Account, scopes: TokenScope[], extra: Record<string, unknown> = {}) {
	const res = await call("POST /me/tokens", {
		as: owner,
		body: { name: "Script", scopes, ...extra },
	});
	expect(res.status, res.text).toBe(201);
	return res.body;
}

/** A bearer request: no cookie, no Origin (an API client such as curl). */
function bearer(secret: string, headers: Record<string, string | null> = {}) {
	return { as: null, headers: { Authorization: `Bearer ${secret}`, Origin: null, ...headers } };
}

async function storedTokens(userId: string) {
	const { results } = await env.TEST_DB.prepare(
		"SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at",
	)
		.bind(userId)
		.all<Record<string, unknown>>();
	return results;
}

describe("happy", () => {
	it("creates a token (secret shown once, sp_ prefix, stored as its SHA-256), lists it, and it reads pages", async () => {
		const owner = await withResources(await account("free"));
		const expiresAt = new Date(Date.now() + 30 * DAY).toISOString();
		const created = await create(owner, ["pages:write", "pages:read", "pages:read"], {
			name: "  Shop sync  ",
			expiresAt,
		});
		expect(created.secret).toMatch(/^sp_[A-Za-z0-9_-]{43}$/);
		expect(created.token).toEqual({
			id: expect.stringMatching(/^tok_/),
			name: "Shop sync",
			scopes: ["pages:read", "pages:write"],
			createdAt: expect.any(String),
			expiresAt,
		});
		const [row] = await storedTokens(owner.userId);
		expect(row?.token_hash).toBe(await sha256Hex(created.secret));
		expect(JSON.stringify(row)).not.toContain(created.secret.slice(3));

		const listed = await call("GET /me/tokens", { as: owner });
		expect(listed.body.tokens).toEqual([created.token]);
		expect(listed.text).not.toContain(created.secret.slice(3));

		const pages = await call("GET /pages", bearer(created.secret));
		expect(pages.status).toBe(200);
		expect(pages.body.pages.map((p) => p.id)).toEqual([owner.pageId]);
		const used = (await call("GET /me/tokens", { as: owner })).body.tokens[0];
		expect(used?.lastUsedAt).toEqual(expect.any(String));
	});

	it("writes last use at most once a minute, not on every request", async () => {
		const owner = await account("free");
		const { secret, token } = await create(owner, ["pages:read"]);
		expect((await call("GET /pages", bearer(secret))).status).toBe(200);
		const first = (await storedTokens(owner.userId))[0]?.last_used_at;
		expect(first).toEqual(expect.any(String));
		expect((await call("GET /pages", bearer(secret))).status).toBe(200);
		expect((await storedTokens(owner.userId))[0]?.last_used_at).toBe(first);
		// A minute later the next use is recorded.
		await env.TEST_DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
			.bind(new Date(Date.now() - 61_000).toISOString(), token.id)
			.run();
		expect((await call("GET /pages", bearer(secret))).status).toBe(200);
		const later = (await storedTokens(owner.userId))[0]?.last_used_at;
		expect(Date.parse(String(later))).toBeGreaterThan(Date.now() - 10_000);
	});

	it("revoking ends the token at once (401), and only that token", async () => {
		const owner = await account("free");
		const one = await create(owner, ["profile:read"]);
		const two = await create(owner, ["profile:read"]);
		expect((await call("GET /profile", bearer(one.secret))).status).toBe(200);
		const revoked = await call("DELETE /me/tokens/:id", {
			as: owner,
			params: { id: one.token.id },
		});
		expect(revoked.status).toBe(204);
		const after = await call("GET /profile", bearer(one.secret));
		expect(after.status).toBe(401);
		expect(after.error.code).toBe("unauthenticated");
		expect(after.headers.get("WWW-Authenticate")).toMatch(/^Bearer /);
		expect((await call("GET /profile", bearer(two.secret))).status).toBe(200);
		expect((await call("GET /me/tokens", { as: owner })).body.tokens.map((t) => t.id)).toEqual([
			two.token.id,
		]);
	});

	it("a password change does not revoke tokens; deleting the account does", async () => {
		const owner = await account("free");
		const { secret } = await create(owner, ["profile:read"]);
		const changed = await call("POST /me/password", {
			as: owner,
			body: { currentPassword: owner.password, newPassword: "a brand new passphrase 9" },
		});
		expect(changed.status).toBe(204);
		expect((await call("GET /profile", bearer(secret))).status).toBe(200);

		const deleted = await call("DELETE /me", {
			as: owner,
			body: { password: "a brand new passphrase 9" },
		});
		expect(deleted.status).toBe(204);
		expect(await storedTokens(owner.userId)).toEqual([]);
		expect((await call("GET /profile", bearer(secret))).status).toBe(401);
	});

	it("the export lists tokens by name, scopes and dates, never a hash", async () => {
		const owner = await account("free");
		const { token, secret } = await create(owner, ["stats:read"]);
		const exported = await call("GET /me/export", { as: owner });
		expect(exported.body.apiTokens).toEqual([token]);
		const hash = await sha256Hex(secret);
		expect(exported.text).not.toContain(hash);
		expect(exported.text).not.toContain(secret.slice(3));
	});

	it("logs a token's use with its id, never its secret", async () => {
		const owner = await account("free");
		const { secret, token } = await create(owner, ["pages:read"]);
		const lines: string[] = [];
		const spies = (["log", "info", "warn", "error"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				lines.push(args.map(String).join(" "));
			}),
		);
		try {
			expect((await call("GET /pages", bearer(secret))).status).toBe(200);
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		expect(lines.join("\n")).toContain(`"tokenId":"${token.id}"`);
		expect(lines.join("\n")).not.toContain(secret.slice(3));
	});
});

describe("error", () => {
	it.each([
		["no name", { scopes: ["pages:read"] }, "name"],
		["an empty name", { name: "   ", scopes: ["pages:read"] }, "name"],
		["a name over 64 characters", { name: "x".repeat(65), scopes: ["pages:read"] }, "name"],
		["a control character", { name: "a\u0000b", scopes: ["pages:read"] }, "name"],
		["a number as name", { name: 5, scopes: ["pages:read"] }, "name"],
		["no scopes", { name: "n", scopes: [] }, "scopes"],
		["an unknown scope", { name: "n", scopes: ["admin"] }, "scopes.0"],
		["scopes as a string", { name: "n", scopes: "pages:read" }, "scopes"],
		[
			"an expiry in the past",
			{ name: "n", scopes: ["pages:read"], expiresAt: "2020-01-01T00:00:00Z" },
			"expiresAt",
		],
		[
			"an expiry over a year ahead",
			{
				name: "n",
				scopes: ["pages:read"],
				expiresAt: new Date(Date.now() + 400 * DAY).toISOString(),
			},
			"expiresAt",
		],
		[
			"an expiry without a time zone",
			{ name: "n", scopes: ["pages:read"], expiresAt: "2030-01-01T00:00:00" },
			"expiresAt",
		],
		["an unknown field", { name: "n", scopes: ["pages:read"], secret: "sp_mine" }, ""],
	])("refuses %s (400) and stores nothing", async (_what, body, field) => {
		const owner = await account("free");
		const res = await raw("POST", "/me/tokens", {
			as: owner,
			body: JSON.stringify(body),
			headers: { "Content-Type": "application/json" },
		});
		expect(res.status, res.text).toBe(400);
		expect(res.error.code).toBe("validation_failed");
		if (field) expect(Object.keys(res.error.fields ?? {})).toContain(field);
		expect(await storedTokens(owner.userId)).toEqual([]);
	});

	it(`allows ${MAX_API_TOKENS} tokens per account, then 402 plan_limit_reached with the limit`, async () => {
		const owner = await account("free");
		for (let i = 0; i < MAX_API_TOKENS; i++) await create(owner, ["pages:read"]);
		const res = await call("POST /me/tokens", {
			as: owner,
			body: { name: "one too many", scopes: ["pages:read"] },
		});
		expect(res.status).toBe(402);
		expect(res.error).toMatchObject({
			code: "plan_limit_reached",
			limit: { name: "maxApiTokens", max: MAX_API_TOKENS, plan: "free" },
		});
		expect(await storedTokens(owner.userId)).toHaveLength(MAX_API_TOKENS);
	});

	it("two creations racing for the last place: exactly one wins", async () => {
		const owner = await account("free");
		for (let i = 0; i < MAX_API_TOKENS - 1; i++) await create(owner, ["pages:read"]);
		const both = await Promise.all(
			[1, 2].map((n) =>
				call("POST /me/tokens", { as: owner, body: { name: `race ${n}`, scopes: ["pages:read"] } }),
			),
		);
		expect(both.map((r) => r.status).sort()).toEqual([201, 402]);
		expect(await storedTokens(owner.userId)).toHaveLength(MAX_API_TOKENS);
	});

	it("another account's token id, an unknown or malformed one → 404, and the token lives on", async () => {
		const owner = await account("free");
		const other = await account("free");
		const { token, secret } = await create(owner, ["profile:read"]);
		for (const id of [token.id, "tok_aaaaaaaaaaaaaaaaaaaa", "..%2F..", "x".repeat(300)]) {
			const res = await call("DELETE /me/tokens/:id", { as: other, params: { id } });
			expect(res.status, id).toBe(404);
		}
		expect((await call("GET /profile", bearer(secret))).status).toBe(200);
		expect((await call("GET /me/tokens", { as: other })).body.tokens).toEqual([]);
	});
});

describe("security", () => {
	it("default deny: account, session, password, token, billing and export routes refuse any token (403)", async () => {
		const owner = await account("pro");
		const { secret } = await create(owner, [
			"profile:read",
			"profile:write",
			"pages:read",
			"pages:write",
			"domains:read",
			"domains:write",
			"stats:read",
		]);
		const refused: [Endpoint, unknown][] = [
			["GET /me", undefined],
			["GET /me/tokens", undefined],
			["POST /me/tokens", { name: "more", scopes: ["pages:read"] }],
			["POST /me/password", { currentPassword: owner.password, newPassword: "x".repeat(20) }],
			["GET /me/sessions", undefined],
			["GET /me/export", undefined],
			["GET /me/passkeys", undefined],
			["GET /me/totp", undefined],
			["GET /billing", undefined],
			["POST /billing/checkout", { plan: "pro", interval: "month" }],
			["POST /auth/logout", undefined],
		];
		for (const [route, body] of refused) {
			const res = await call(route, { ...bearer(secret), body });
			expect(res.status, route).toBe(403);
			expect(res.error.code, route).toBe("forbidden");
		}
		// Nothing changed: the password still signs in, no second token exists.
		expect(await storedTokens(owner.userId)).toHaveLength(1);
		const login = await call("POST /auth/login", {
			body: { email: owner.email, password: owner.password },
		});
		expect(login.status).toBe(200);
	});

	it("a token without the route's scope gets 403; pages:read lists but cannot create", async () => {
		const owner = await withResources(await account("pro"));
		const { secret } = await create(owner, ["pages:read"]);
		expect((await call("GET /pages", bearer(secret))).status).toBe(200);
		const createPage = await call("POST /pages", { ...bearer(secret), body: { title: "No" } });
		expect(createPage.status).toBe(403);
		expect(createPage.error.code).toBe("forbidden");
		expect((await call("GET /profile", bearer(secret))).status).toBe(403);
		expect((await call("GET /domains", bearer(secret))).status).toBe(403);
		expect(
			(
				await call("GET /stats", {
					...bearer(secret),
					query: { from: "2026-01-01", to: "2026-01-01" },
				})
			).status,
		).toBe(403);
		const pages = await call("GET /pages", { as: owner });
		expect(pages.body.pages).toHaveLength(1);
	});

	it("pages:write creates a page, adds links and publishes", async () => {
		const owner = await account("pro");
		const { secret } = await create(owner, ["pages:write"]);
		const page = await call("POST /pages", { ...bearer(secret), body: { title: "From a script" } });
		expect(page.status).toBe(201);
		const link = await call("POST /pages/:id/links", {
			...bearer(secret),
			params: { id: page.body.page.id },
			body: { title: "Shop", url: "https://example.com/shop" },
		});
		expect(link.status).toBe(201);
		const published = await call("POST /pages/:id/publish", {
			...bearer(secret),
			params: { id: page.body.page.id },
		});
		expect(published.status).toBe(200);
		expect(published.body.page.status).toBe("published");
	});

	it("a token acts only on its own account's resources (another account's page → 404)", async () => {
		const owner = await account("pro");
		const victim = await withResources(await account("pro"));
		const { secret } = await create(owner, ["pages:read", "pages:write"]);
		const read = await call("GET /pages/:id", { ...bearer(secret), params: { id: victim.pageId } });
		expect(read.status).toBe(404);
		const del = await call("DELETE /pages/:id", {
			...bearer(secret),
			params: { id: victim.pageId },
		});
		expect(del.status).toBe(404);
		expect(
			(await call("GET /pages/:id", { as: victim, params: { id: victim.pageId } })).status,
		).toBe(200);
	});

	it("unknown, malformed and expired tokens → 401 unauthenticated", async () => {
		const owner = await account("free");
		const { secret, token } = await create(owner, ["pages:read"]);
		const unknown = `sp_${"A".repeat(43)}`;
		for (const value of [unknown, "sp_short", "not-a-token", "", secret.toUpperCase()]) {
			const res = await raw("GET", "/pages", bearer(value));
			expect(res.status, value).toBe(401);
			expect(res.error.code).toBe("unauthenticated");
		}
		await env.TEST_DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?")
			.bind(new Date(Date.now() - 1000).toISOString(), token.id)
			.run();
		const expired = await call("GET /pages", bearer(secret));
		expect(expired.status).toBe(401);
		expect(expired.error.message).toMatch(/expired/i);
	});

	it("a bearer request is never CSRF-checked; a cookie request still is", async () => {
		const owner = await account("free");
		const { secret } = await create(owner, ["pages:write", "pages:read"]);
		const hostile = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };
		const viaToken = await call("POST /pages", {
			...bearer(secret, hostile),
			body: { title: "Token" },
		});
		expect(viaToken.status).toBe(201);
		const viaCookie = await call("POST /pages", {
			as: owner,
			headers: hostile,
			body: { title: "Cookie" },
		});
		expect(viaCookie.status).toBe(403);
		expect(viaCookie.error.code).toBe("csrf_rejected");
	});

	it("with a bearer token the cookie plays no part: the token's account, the token's scopes", async () => {
		const owner = await account("free");
		const bystander = await withResources(await account("free"));
		const { secret } = await create(owner, ["pages:read"]);
		const res = await call("GET /pages", { ...bearer(secret), as: bystander });
		expect(res.status).toBe(200);
		expect(res.body.pages).toEqual([]);
		// The cookie's session could create a page; the token cannot, so neither does the request.
		const post = await call("POST /pages", {
			...bearer(secret),
			as: bystander,
			body: { title: "x" },
		});
		expect(post.status).toBe(403);
		// A revoked token with a live cookie is still refused.
		const bad = await raw("GET", "/pages", { ...bearer(`sp_${"B".repeat(43)}`), as: bystander });
		expect(bad.status).toBe(401);
	});

	it("another Authorization scheme (a staging site's Basic credentials) leaves the cookie in charge", async () => {
		const owner = await account("free");
		const res = await call("GET /me", {
			as: owner,
			headers: { Authorization: `Basic ${btoa("staging:secret")}` },
		});
		expect(res.status).toBe(200);
	});

	it("public routes need no token and do not look at one", async () => {
		for (const route of ["GET /health", "GET /openapi.json", "GET /billing/prices"] as const) {
			const res = await raw("GET", route.slice(4), bearer("garbage"));
			expect(res.status, route).toBe(200);
		}
	});

	it("a token is rate limited on its own (429 with Retry-After)", async () => {
		const owner = await account("free");
		const { secret } = await create(owner, ["profile:read"]);
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < 130 && !statuses.includes(429); i++) {
			const res = await raw("GET", "/profile", bearer(secret));
			statuses.push(res.status);
			if (res.status === 429) retryAfter = res.headers.get("Retry-After");
		}
		expect(statuses).toContain(429);
		expect(Number(retryAfter)).toBeGreaterThan(0);
		// The account's browser session is not limited by its token's traffic.
		expect((await call("GET /profile", { as: owner })).status).toBe(200);
	});
});
