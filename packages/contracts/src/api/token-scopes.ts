/**
 * What a personal access token may call (api.md, "API tokens"; issue 21): the scope each route
 * needs, by its key in the endpoint table. Default deny: a route that is not listed here never
 * accepts a token (`403 forbidden`), so a new route is closed to tokens until somebody decides
 * otherwise here. Account, session, password, passkey, two-factor, token, billing, export and
 * import routes are deliberately absent (import makes Core fetch other hosts for the account: a
 * dashboard action, not a script's). "public" routes need no credentials at all; a token sent
 * to them is not looked at.
 *
 * Core's bearer middleware, the OpenAPI document's security requirements and the dashboard's
 * scope list all read this one table.
 */
import type { TokenScope } from "../schemas/api-tokens";
import { ENDPOINTS, type EndpointKey } from "./endpoints";

export type { TokenScope };
export type TokenAccess = TokenScope | "public";

export const ENDPOINT_TOKEN_ACCESS: { readonly [K in EndpointKey]?: TokenAccess } = {
	"GET /health": "public",
	"GET /openapi.json": "public",
	"GET /billing/prices": "public",

	"GET /profile": "profile:read",
	"PATCH /profile": "profile:write",
	"PUT /profile/avatar": "profile:write",
	"DELETE /profile/avatar": "profile:write",

	"GET /pages": "pages:read",
	"GET /pages/:id": "pages:read",
	"GET /pages/:id/preview": "pages:read",
	"GET /pages/:id/versions": "pages:read",
	"GET /pages/:id/versions/:version/preview": "pages:read",
	"GET /pages/:id/links": "pages:read",
	"POST /pages": "pages:write",
	"PATCH /pages/:id": "pages:write",
	"DELETE /pages/:id": "pages:write",
	"PUT /pages/:id/background": "pages:write",
	"DELETE /pages/:id/background": "pages:write",
	"POST /pages/:id/publish": "pages:write",
	"POST /pages/:id/unpublish": "pages:write",
	"POST /pages/:id/versions/:version/restore": "pages:write",
	"POST /pages/:id/links": "pages:write",
	"PUT /pages/:id/links/order": "pages:write",
	"PATCH /pages/:id/links/:linkId": "pages:write",
	"DELETE /pages/:id/links/:linkId": "pages:write",
	"PUT /pages/:id/links/:linkId/thumbnail": "pages:write",
	"DELETE /pages/:id/links/:linkId/thumbnail": "pages:write",

	"GET /domains": "domains:read",
	"POST /domains": "domains:write",
	"POST /domains/:id/verify": "domains:write",
	"DELETE /domains/:id": "domains:write",

	"GET /stats": "stats:read",
	"GET /stats/export": "stats:read",
};

/** What a token needs for a route; null when the route never accepts one. */
export function tokenAccessOf(key: EndpointKey): TokenAccess | null {
	return ENDPOINT_TOKEN_ACCESS[key] ?? null;
}

interface CompiledRoute {
	key: EndpointKey;
	method: string;
	pattern: RegExp;
	/** Literal segments: where two patterns match, the more specific one is the route. */
	literals: number;
}

let compiled: CompiledRoute[] | null = null;

function routes(): CompiledRoute[] {
	compiled ??= (Object.keys(ENDPOINTS) as EndpointKey[])
		.map((key) => {
			const space = key.indexOf(" ");
			const path = key.slice(space + 1);
			const segments = path.split("/").filter(Boolean);
			const source = segments
				.map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
				.join("/");
			return {
				key,
				method: key.slice(0, space),
				pattern: new RegExp(`^/${source}$`),
				literals: segments.filter((s) => !s.startsWith(":")).length,
			};
		})
		.sort((a, b) => b.literals - a.literals);
	return compiled;
}

/**
 * The endpoint a request is for: its method (HEAD counts as GET, as Hono routes it) and its path
 * below /api/v1, matched against the table's patterns as Hono matches them (a `:param` is one
 * path segment). Null when no route of the table serves it (the app answers 404 or 405).
 */
export function matchEndpoint(method: string, path: string): EndpointKey | null {
	const m = method === "HEAD" ? "GET" : method;
	for (const route of routes()) {
		if (route.method === m && route.pattern.test(path)) return route.key;
	}
	return null;
}
