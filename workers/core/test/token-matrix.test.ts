/**
 * The authorization matrix for API tokens (issue 21): every route of Core's route table × a
 * bearer token → what it may do. The table below is written out on purpose, beside the
 * contract's own (ENDPOINT_TOKEN_ACCESS): a route added to the app fails here until somebody
 * decides whether tokens may call it, and a change of either table without the other fails too.
 *
 * For each route: a token with a neighbouring scope (the same area's other one: `pages:read` for
 * `pages:write` and back; `pages:read` for `stats:read`) gets `403 forbidden`; a token with
 * only the route's scope gets past authentication and authorization (whatever the route then
 * answers to a request without a valid body or with ids of nothing, it is not 401 or 403
 * forbidden); a route tokens may not call refuses a token with every scope (`403 forbidden`); a
 * public route answers whatever the token.
 */
import {
	ENDPOINT_TOKEN_ACCESS,
	TOKEN_SCOPES,
	type TokenAccess,
	type TokenScope,
} from "@smartpages/contracts";
import { tally } from "@smartpages/testing/security-meta";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { type Account, account, call, type Endpoint, raw, resolve } from "./support/request";

type Decision = TokenAccess | "never";

const TOKEN_MATRIX: Record<string, Decision> = {
	"GET /api/v1/health": "public",
	"GET /api/v1/openapi.json": "public",
	"GET /api/v1/billing/prices": "public",
	"POST /api/v1/auth/signup": "never",
	"POST /api/v1/auth/verify-email": "never",
	"POST /api/v1/auth/resend-verification": "never",
	"POST /api/v1/auth/login": "never",
	"POST /api/v1/auth/login/mfa": "never",
	"POST /api/v1/auth/passkey/options": "never",
	"POST /api/v1/auth/passkey": "never",
	"POST /api/v1/auth/logout": "never",
	"POST /api/v1/auth/password/forgot": "never",
	"POST /api/v1/auth/password/reset": "never",
	"GET /api/v1/me": "never",
	"PATCH /api/v1/me": "never",
	"DELETE /api/v1/me": "never",
	"POST /api/v1/me/password": "never",
	"POST /api/v1/me/email": "never",
	"GET /api/v1/me/sessions": "never",
	"DELETE /api/v1/me/sessions/:id": "never",
	"GET /api/v1/me/export": "never",
	// Import fetches other hosts for the account and creates pages from them: the dashboard only.
	"POST /api/v1/import/preview": "never",
	"POST /api/v1/import": "never",
	"POST /api/v1/me/passkeys/options": "never",
	"POST /api/v1/me/passkeys": "never",
	"GET /api/v1/me/passkeys": "never",
	"PATCH /api/v1/me/passkeys/:id": "never",
	"DELETE /api/v1/me/passkeys/:id": "never",
	"GET /api/v1/me/totp": "never",
	"POST /api/v1/me/totp/setup": "never",
	"POST /api/v1/me/totp/enable": "never",
	"POST /api/v1/me/totp/recovery-codes": "never",
	"DELETE /api/v1/me/totp": "never",
	"POST /api/v1/me/tokens": "never",
	"GET /api/v1/me/tokens": "never",
	"DELETE /api/v1/me/tokens/:id": "never",
	"GET /api/v1/profile": "profile:read",
	"PATCH /api/v1/profile": "profile:write",
	"PUT /api/v1/profile/avatar": "profile:write",
	"DELETE /api/v1/profile/avatar": "profile:write",
	"GET /api/v1/pages": "pages:read",
	"POST /api/v1/pages": "pages:write",
	"GET /api/v1/pages/:id": "pages:read",
	"PATCH /api/v1/pages/:id": "pages:write",
	"DELETE /api/v1/pages/:id": "pages:write",
	"PUT /api/v1/pages/:id/background": "pages:write",
	"DELETE /api/v1/pages/:id/background": "pages:write",
	"GET /api/v1/pages/:id/preview": "pages:read",
	"POST /api/v1/pages/:id/publish": "pages:write",
	"POST /api/v1/pages/:id/unpublish": "pages:write",
	"GET /api/v1/pages/:id/versions": "pages:read",
	"POST /api/v1/pages/:id/versions/:version/restore": "pages:write",
	"GET /api/v1/pages/:id/versions/:version/preview": "pages:read",
	"GET /api/v1/pages/:id/links": "pages:read",
	"POST /api/v1/pages/:id/links": "pages:write",
	"PUT /api/v1/pages/:id/links/order": "pages:write",
	"PATCH /api/v1/pages/:id/links/:linkId": "pages:write",
	"DELETE /api/v1/pages/:id/links/:linkId": "pages:write",
	"PUT /api/v1/pages/:id/links/:linkId/thumbnail": "pages:write",
	"DELETE /api/v1/pages/:id/links/:linkId/thumbnail": "pages:write",
	"GET /api/v1/billing": "never",
	"GET /api/v1/billing/checkout/:sessionId": "never",
	"POST /api/v1/billing/checkout": "never",
	"POST /api/v1/billing/portal": "never",
	"POST /api/v1/webhooks/stripe": "never",
	"GET /api/v1/domains": "domains:read",
	"POST /api/v1/domains": "domains:write",
	"POST /api/v1/domains/:id/verify": "domains:write",
	"DELETE /api/v1/domains/:id": "domains:write",
	"GET /api/v1/stats": "stats:read",
	"GET /api/v1/stats/export": "stats:read",
};

const routeTable = [
	...new Set(
		createApp()
			.routes.filter((r) => r.method !== "ALL")
			.map((r) => `${r.method} ${r.path}`),
	),
].sort();

/** The same area's other scope: what a token most plausibly has instead of the needed one. */
function sibling(scope: TokenScope): TokenScope {
	const [area, mode] = scope.split(":");
	const other = `${area}:${mode === "read" ? "write" : "read"}`;
	return TOKEN_SCOPES.find((s) => s === other) ?? "pages:read";
}

const endpointOf = (route: string) => route.replace("/api/v1", "") as Endpoint;

/** Ids of nothing, well-formed: a route that gets past the token answers 404 or 400. */
const PARAMS = {
	id: "pg_aaaaaaaaaaaaaaaaaaaa",
	linkId: "ln_aaaaaaaaaaaaaaaaaaaa",
	version: 1,
	sessionId: "cs_test_000000000000000000000000",
};

describe("token matrix", () => {
	it("decides every route of Core's route table, with no stale entries", ({ task }) => {
		expect(Object.keys(TOKEN_MATRIX).sort()).toEqual(routeTable);
		tally(task, { routes: routeTable.length });
	});

	it("agrees with the contract's token table (default deny: absent means never)", () => {
		for (const route of routeTable) {
			const contract = ENDPOINT_TOKEN_ACCESS[endpointOf(route)] ?? "never";
			expect(contract, route).toBe(TOKEN_MATRIX[route]);
		}
	});

	let owner: Account;
	const secrets = new Map<string, string>();
	/** A token of the owner with these scopes (made once per scope set). */
	async function tokenWith(scopes: readonly TokenScope[]): Promise<string> {
		const key = scopes.join(",");
		const known = secrets.get(key);
		if (known) return known;
		const res = await call("POST /me/tokens", {
			as: owner,
			body: { name: `matrix ${secrets.size}`, scopes: [...scopes] },
		});
		expect(res.status, res.text).toBe(201);
		secrets.set(key, res.body.secret);
		return res.body.secret;
	}
	beforeAll(async () => {
		owner = await account("pro");
	});

	it.for(routeTable)("%s", async (route, { task }) => {
		const decision = TOKEN_MATRIX[route];
		const { method, path } = resolve(endpointOf(route), PARAMS);
		const send = (secret: string) =>
			raw(method, path, {
				as: null,
				headers: { Authorization: `Bearer ${secret}`, Origin: null },
			});
		if (decision === "public") {
			expect((await send("not a token")).status).toBe(200);
		} else if (decision === "never" || decision === undefined) {
			const res = await send(await tokenWith(TOKEN_SCOPES));
			expect(res.status, res.text).toBe(403);
			expect(res.error.code).toBe("forbidden");
		} else {
			const without = await send(await tokenWith([sibling(decision)]));
			expect(without.status, without.text).toBe(403);
			expect(without.error.code).toBe("forbidden");
			const withIt = await send(await tokenWith([decision]));
			expect(withIt.status, withIt.text).not.toBe(401);
			if (withIt.status === 403) expect(withIt.error.code).not.toBe("forbidden");
		}
		tally(task, { matrixCases: 1 });
	});
});
