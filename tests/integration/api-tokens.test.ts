/**
 * Issue 21's acceptance over real HTTP against the running stack: personal access tokens used the
 * way a script uses them (`Authorization: Bearer sp_…`, no cookie, no Origin). A token with
 * `pages:read` lists pages but cannot create one; with `pages:write` it creates, adds links and
 * publishes; a revoked or expired token is 401; account, billing and token routes refuse any
 * token (403); a bearer request is never subject to the CSRF check, a cookie request still is.
 * Every answer here is also checked against the OpenAPI document (tests/support/openapi-check.ts).
 */
import type { TokenScope } from "@smartpages/contracts/api";
import { describe, expect, it } from "vitest";
import { bareClient, PASSWORD, stack, verifiedAccount } from "../support/api.ts";

type Owner = Awaited<ReturnType<typeof verifiedAccount>>;

async function tokenFor(owner: Owner, scopes: TokenScope[], expiresAt?: string) {
	const res = await owner.api.call("POST /me/tokens", {
		body: {
			name: `script with ${scopes.length} scopes`,
			scopes,
			...(expiresAt ? { expiresAt } : {}),
		},
	});
	expect(res.status, res.text).toBe(201);
	return res.body;
}

const auth = (secret: string) => ({ Authorization: `Bearer ${secret}` });

describe("#21 API tokens", () => {
	it("pages:read lists pages but cannot create one (403)", async () => {
		const owner = await verifiedAccount();
		await owner.api.call("POST /pages", { body: { title: "Home" } });
		const { secret } = await tokenFor(owner, ["pages:read"]);
		const script = bareClient();
		const list = await script.call("GET /pages", { headers: auth(secret) });
		expect(list.status).toBe(200);
		expect(list.body.pages.map((p) => p.title)).toEqual(["Home"]);
		const create = await script.call("POST /pages", {
			body: { title: "Not allowed" },
			headers: auth(secret),
		});
		expect(create.status).toBe(403);
		expect(create.error.code).toBe("forbidden");
		expect((await owner.api.call("GET /pages")).body.pages).toHaveLength(1);
	});

	it("pages:write creates a page, adds links and publishes it", async () => {
		const owner = await verifiedAccount();
		const { secret } = await tokenFor(owner, ["pages:write"]);
		const script = bareClient();
		const page = await script.call("POST /pages", {
			body: { title: "From the shop" },
			headers: auth(secret),
		});
		expect(page.status).toBe(201);
		const id = page.body.page.id;
		for (const n of [1, 2]) {
			const link = await script.call("POST /pages/:id/links", {
				params: { id },
				body: { title: `Product ${n}`, url: `https://shop.example/p/${n}` },
				headers: auth(secret),
			});
			expect(link.status).toBe(201);
		}
		const published = await script.call("POST /pages/:id/publish", {
			params: { id },
			headers: auth(secret),
		});
		expect(published.status).toBe(200);
		expect(published.body.page.status).toBe("published");
		// The dashboard sees what the script did, and when the token was last used.
		const links = await owner.api.call("GET /pages/:id/links", { params: { id } });
		expect(links.body.links.map((l) => l.title)).toEqual(["Product 1", "Product 2"]);
		const tokens = await owner.api.call("GET /me/tokens");
		expect(tokens.body.tokens[0]?.lastUsedAt).toEqual(expect.any(String));
	});

	it("a revoked token → 401 at once; an expired token → 401", async () => {
		const owner = await verifiedAccount();
		const script = bareClient();
		const { secret, token } = await tokenFor(owner, ["profile:read"]);
		expect((await script.call("GET /profile", { headers: auth(secret) })).status).toBe(200);
		const revoke = await owner.api.call("DELETE /me/tokens/:id", { params: { id: token.id } });
		expect(revoke.status).toBe(204);
		const revoked = await script.call("GET /profile", { headers: auth(secret) });
		expect(revoked.status).toBe(401);
		expect(revoked.error.code).toBe("unauthenticated");

		const soon = new Date(Date.now() + 2_000).toISOString();
		const short = await tokenFor(owner, ["profile:read"], soon);
		expect((await script.call("GET /profile", { headers: auth(short.secret) })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		const expired = await script.call("GET /profile", { headers: auth(short.secret) });
		expect(expired.status).toBe(401);
		expect(expired.error.code).toBe("unauthenticated");
	});

	it("a token on /me/password, /billing/checkout or /me/tokens → 403, and nothing changes", async () => {
		const owner = await verifiedAccount();
		const { secret } = await tokenFor(owner, [
			"profile:read",
			"profile:write",
			"pages:read",
			"pages:write",
			"domains:read",
			"domains:write",
			"stats:read",
		]);
		const script = bareClient();
		const password = await script.call("POST /me/password", {
			body: { currentPassword: PASSWORD, newPassword: "taken over by a script 1" },
			headers: auth(secret),
		});
		const checkout = await script.call("POST /billing/checkout", {
			body: { plan: "pro", interval: "month" },
			headers: auth(secret),
		});
		const mint = await script.call("POST /me/tokens", {
			body: { name: "another", scopes: ["pages:read"] },
			headers: auth(secret),
		});
		const list = await script.call("GET /me/tokens", { headers: auth(secret) });
		for (const res of [password, checkout, mint, list]) {
			expect(res.status, res.text).toBe(403);
			expect(res.error.code).toBe("forbidden");
		}
		expect((await owner.api.call("GET /me/tokens")).body.tokens).toHaveLength(1);
		const login = await bareClient().call("POST /auth/login", {
			body: { email: owner.email, password: PASSWORD },
		});
		expect(login.status).toBe(200);
	});

	it("a bearer request is never CSRF-checked; a cookie request still is", async () => {
		const owner = await verifiedAccount();
		const { secret } = await tokenFor(owner, ["profile:write"]);
		const hostile = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };
		const viaToken = await bareClient().call("PATCH /profile", {
			body: { displayName: "Set by a script" },
			headers: { ...auth(secret), ...hostile },
		});
		expect(viaToken.status).toBe(200);
		expect(viaToken.body.profile.displayName).toBe("Set by a script");
		const viaCookie = await owner.api.call("PATCH /profile", {
			body: { displayName: "Forged" },
			headers: hostile,
		});
		expect(viaCookie.status).toBe(403);
		expect(viaCookie.error.code).toBe("csrf_rejected");
		expect((await owner.api.call("GET /profile")).body.profile.displayName).toBe("Set by a script");
	});

	it("the OpenAPI document is served and lists the token routes with their security", async () => {
		const res = await bareClient().call("GET /openapi.json");
		expect(res.status).toBe(200);
		const doc = res.body as { paths: Record<string, Record<string, { security?: unknown }>> };
		expect(Object.keys(doc.paths)).toContain("/me/tokens");
		expect(JSON.stringify(doc.paths["/pages"]?.post?.security)).toContain("pages:write");
		expect(stack.urls.core).toBeTruthy();
	});
});
