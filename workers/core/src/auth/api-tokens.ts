/**
 * Personal access tokens on Core's side (issue 21): making a secret, and turning an
 * `Authorization: Bearer sp_…` header into the account and scopes it stands for. The secret
 * exists in Core only: the Customer Worker stores and looks up its SHA-256, and the secret is
 * shown once, in the answer that created it.
 *
 * Default deny: a bearer request is let through only to routes the contract's token table names
 * (ENDPOINT_TOKEN_ACCESS). Any other route answers `403 forbidden` before the token is looked
 * up, a token that is unknown, revoked or expired `401 unauthenticated`, one without the route's
 * scope `403 forbidden`. A bearer request ignores the session cookie and is never subject to the
 * CSRF check: a browser cannot attach an Authorization header to a cross-site request without a
 * CORS preflight, which Core never grants.
 *
 * No cache: every bearer request asks the Customer Worker (one RPC, one indexed D1 read), so a
 * revocation is immediate everywhere, not only in the location that performed it, and a token
 * dies with its account in the same statement. A KV cache would save that read but bring back
 * KV's 60-second window for revoked tokens.
 */
import {
	API_TOKEN_PATTERN,
	API_TOKEN_PREFIX,
	type ApiTokenPrincipal,
	type EndpointKey,
	matchEndpoint,
	randomToken,
	sha256Hex,
	tokenAccessOf,
} from "@smartpages/contracts";
import type { Context } from "hono";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../types";
import { rateLimited } from "./rate-limit";
import type { Session } from "./sessions";

/** A new secret (`sp_` and 32 random bytes as base64url) and the hash that is stored. */
export async function newApiTokenSecret(): Promise<{ secret: string; tokenHash: string }> {
	const secret = `${API_TOKEN_PREFIX}${randomToken(32)}`;
	return { secret, tokenHash: await sha256Hex(secret) };
}

/**
 * The credentials of an `Authorization: Bearer …` header (the scheme in any case), or undefined
 * when the request has none. Other schemes (a staging site's Basic credentials a browser repeats)
 * are not API tokens and leave the request to the session cookie.
 */
export function bearerOf(c: Context<AppEnv>): string | undefined {
	const header = c.req.header("Authorization");
	if (header === undefined) return undefined;
	const match = /^\s*bearer(?:\s+(.*?))?\s*$/i.exec(header);
	if (!match) return undefined;
	return match[1] ?? "";
}

/** Whether the request authenticates with a bearer token (then the cookie plays no part). */
export function hasBearer(c: Context<AppEnv>): boolean {
	return bearerOf(c) !== undefined;
}

const unauthenticated = (message: string) =>
	new ApiError("unauthenticated", message, {
		headers: { "WWW-Authenticate": 'Bearer realm="smartpages", error="invalid_token"' },
	});

/** The route a request under /api/v1 is for, by the contract's table; null when none serves it. */
function endpointOf(c: Context<AppEnv>): EndpointKey | null {
	const path = c.req.path;
	if (!path.startsWith("/api/v1/")) return null;
	return matchEndpoint(c.req.method, path.slice("/api/v1".length));
}

/**
 * What a bearer request may do: null for a route that needs no credentials (or does not
 * exist, which the router answers), else the token's principal once its scope and the token's
 * rate limit are checked. Throws the contract's 401, 403 or 429.
 */
export async function authenticateBearer(
	c: Context<AppEnv>,
	secret: string,
): Promise<ApiTokenPrincipal | null> {
	const key = endpointOf(c);
	if (key === null) return null;
	const access = tokenAccessOf(key);
	if (access === "public") return null;
	if (access === null) {
		throw new ApiError(
			"forbidden",
			"This route does not accept API tokens. Sign in to the dashboard for it.",
		);
	}
	// The shape first: a malformed secret is never hashed or sent to the Customer Worker.
	if (!API_TOKEN_PATTERN.test(secret)) throw unauthenticated("This API token is not valid.");
	const found = await c.env.CUSTOMER.verifyApiToken(c.var.rpc, await sha256Hex(secret));
	if (!found.ok) throw unauthenticated(found.message);
	const principal = found.value;
	if (!principal.scopes.includes(access)) {
		throw new ApiError("forbidden", `This API token lacks the scope "${access}".`);
	}
	const { success } = await c.env.TOKEN_LIMITER.limit({ key: `token:${principal.id}` });
	if (!success) throw rateLimited();
	return principal;
}

/**
 * The identity routes read for a token's request (`currentSession(…).userId`). Only routes a
 * token may call ever see it, and none of them reads the session's id or hash, which a token's
 * request does not have.
 */
export function tokenSession(principal: ApiTokenPrincipal, now: number): Session {
	return {
		sid: "",
		tokenHash: "",
		userId: principal.userId,
		createdAt: now,
		lastSeenAt: now,
		userAgent: "",
	};
}
