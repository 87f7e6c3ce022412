/**
 * Personal access tokens in D1 (issue 21) — the only module with SQL on `api_tokens` (migration
 * 0021). Rows hold the SHA-256 of the secret, never the secret. An account's own list, revoke and
 * export are scoped by its user id (another account's token is not found); a bearer look-up finds
 * a token by its hash alone, since the request names no account.
 */
import { type ApiToken, TOKEN_SCOPES, type TokenScope } from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { userExists } from "../users/store";

interface ApiTokenRow {
	id: string;
	user_id: string;
	name: string;
	scopes: string;
	created_at: string;
	expires_at: string | null;
	last_used_at: string | null;
}

/** The columns a token's public shape is made of (also what the export selects). */
type PublicRow = Pick<
	ApiTokenRow,
	"id" | "name" | "scopes" | "created_at" | "expires_at" | "last_used_at"
>;

const PUBLIC_COLUMNS = "id, name, scopes, created_at, expires_at, last_used_at";

/** The stored scope list, keeping only names that are scopes (a broken list grants nothing). */
export function scopesOf(text: string): TokenScope[] {
	try {
		const parsed: unknown = JSON.parse(text);
		if (!Array.isArray(parsed)) return [];
		return TOKEN_SCOPES.filter((scope) => parsed.includes(scope));
	} catch {
		return [];
	}
}

export function toApiToken(row: PublicRow): ApiToken {
	return {
		id: row.id,
		name: row.name,
		scopes: scopesOf(row.scopes),
		createdAt: row.created_at,
		...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
		...(row.expires_at ? { expiresAt: row.expires_at } : {}),
	};
}

export interface InsertApiToken {
	id: string;
	userId: string;
	name: string;
	tokenHash: string;
	scopes: TokenScope[];
	expiresAt: string | null;
}

/**
 * Stores a token while the account has fewer than `max`: the count is a condition of the INSERT
 * itself, so two concurrent creations cannot both take the last place. Null when the account is
 * full (or gone).
 */
export async function insertApiToken(
	db: D1Database,
	input: InsertApiToken,
	max: number,
	now: number = Date.now(),
): Promise<ApiToken | null> {
	const exists = userExists(input.userId);
	const row = await db
		.prepare(
			`INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, created_at, expires_at, last_used_at)
			 SELECT ?, ?, ?, ?, ?, ?, ?, NULL
			 WHERE ${exists.sql} AND (SELECT COUNT(*) FROM api_tokens WHERE user_id = ?) < ?
			 RETURNING ${PUBLIC_COLUMNS}`,
		)
		.bind(
			input.id,
			input.userId,
			input.name,
			input.tokenHash,
			JSON.stringify(input.scopes),
			nowIso(now),
			input.expiresAt,
			...exists.params,
			input.userId,
			max,
		)
		.first<PublicRow>();
	return row ? toApiToken(row) : null;
}

/** The account's tokens, newest first. */
export async function listApiTokens(db: D1Database, userId: string): Promise<ApiToken[]> {
	const { results } = await db
		.prepare(
			`SELECT ${PUBLIC_COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id`,
		)
		.bind(userId)
		.all<PublicRow>();
	return results.map(toApiToken);
}

/** Deletes one of the account's tokens; false when it is not theirs or not there. */
export async function deleteApiToken(db: D1Database, userId: string, id: string): Promise<boolean> {
	const row = await db
		.prepare("DELETE FROM api_tokens WHERE id = ? AND user_id = ? RETURNING id")
		.bind(id, userId)
		.first();
	return row !== null;
}

/** A token by the hash of its secret, whichever account holds it (a bearer request). */
export async function findByHash(db: D1Database, tokenHash: string): Promise<ApiTokenRow | null> {
	return db
		.prepare(
			`SELECT id, user_id, name, scopes, created_at, expires_at, last_used_at
			 FROM api_tokens WHERE token_hash = ?`,
		)
		.bind(tokenHash)
		.first<ApiTokenRow>();
}

/**
 * Records a use unless one was recorded since `staleBefore`: a conditional UPDATE, so requests
 * racing each other write at most once per interval.
 */
export async function touchLastUsed(
	db: D1Database,
	id: string,
	now: number,
	staleBefore: number,
): Promise<void> {
	await db
		.prepare(
			"UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
		)
		.bind(nowIso(now), id, nowIso(staleBefore))
		.run();
}

/** For the export: names, scopes and dates only, never the hash. */
export function exportStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db
		.prepare(
			`SELECT ${PUBLIC_COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id`,
		)
		.bind(userId);
}

/** A row of `exportStatement`, as the export shows it. */
export function exportedToken(row: Record<string, unknown>): ApiToken {
	return toApiToken(row as unknown as PublicRow);
}
