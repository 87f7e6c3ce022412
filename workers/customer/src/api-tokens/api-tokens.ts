/**
 * An account's personal access tokens as the RPC surface offers them (issue 21): create (at most
 * MAX_API_TOKENS, decided by the INSERT), list, revoke, and the look-up of a bearer token by the
 * hash of its secret. Expected failures are `Result`s: the limit is `plan_limit_reached` with the
 * limit (as every other count limit), another account's token `not_found`, an unknown or expired
 * token `unauthenticated`.
 */
import {
	type ApiToken,
	type ApiTokenPrincipal,
	fail,
	type Limit,
	MAX_API_TOKENS,
	type NewApiToken,
	ok,
	type Result,
} from "@smartpages/contracts";
import { newId } from "../lib/ids";
import * as store from "./store";

/**
 * How often `last_used_at` is written for a token in use: often enough for the list to say
 * "used a minute ago", rare enough that a script's traffic is not one D1 write per request.
 */
export const LAST_USED_INTERVAL_MS = 60_000;

export async function createApiToken(
	db: D1Database,
	userId: string,
	input: NewApiToken,
	limit: Pick<Limit, "plan">,
): Promise<Result<ApiToken>> {
	const created = await store.insertApiToken(
		db,
		{
			id: newId("tok"),
			userId,
			name: input.name,
			tokenHash: input.tokenHash,
			scopes: input.scopes,
			expiresAt: input.expiresAt ?? null,
		},
		MAX_API_TOKENS,
	);
	if (created) return ok(created);
	return fail(
		"plan_limit_reached",
		`An account can have at most ${MAX_API_TOKENS} API tokens. Revoke one to create another.`,
		{ limit: { name: "maxApiTokens", max: MAX_API_TOKENS, plan: limit.plan } },
	);
}

export function listApiTokens(db: D1Database, userId: string): Promise<ApiToken[]> {
	return store.listApiTokens(db, userId);
}

export async function revokeApiToken(
	db: D1Database,
	userId: string,
	id: string,
): Promise<Result<null>> {
	if (await store.deleteApiToken(db, userId, id)) return ok(null);
	return fail("not_found", "No such API token.");
}

/**
 * The account and scopes of the token whose secret hashes to `tokenHash`, if it exists and has
 * not expired; records its use at most once a minute (in this call, so a bearer request costs
 * Core one RPC).
 */
export async function verifyApiToken(
	db: D1Database,
	tokenHash: string,
	now: number = Date.now(),
): Promise<Result<ApiTokenPrincipal>> {
	const row = await store.findByHash(db, tokenHash);
	if (!row) return fail("unauthenticated", "This API token is not valid.");
	if (row.expires_at !== null && Date.parse(row.expires_at) <= now) {
		return fail("unauthenticated", "This API token has expired.");
	}
	const lastUsed = row.last_used_at === null ? 0 : Date.parse(row.last_used_at);
	if (now - lastUsed >= LAST_USED_INTERVAL_MS) {
		await store.touchLastUsed(db, row.id, now, now - LAST_USED_INTERVAL_MS);
	}
	return ok({ id: row.id, userId: row.user_id, scopes: store.scopesOf(row.scopes) });
}
