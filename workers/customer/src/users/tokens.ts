/**
 * Single-use tokens (e-mail verification, password reset, e-mail change). The raw token goes to
 * the user by mail and is never stored; D1 holds its SHA-256. Use is one conditional UPDATE, so
 * of two concurrent uses exactly one sees its row change.
 *
 * Every token carries the account's credentials version from the moment it was issued. Any
 * password or e-mail event bumps `users.credentials_version`, and a token whose version is no
 * longer the account's is dead: a reset or e-mail-change link mailed before a password change
 * can never be used after it (review SP-02, SP-16).
 *
 * The only module with SQL on `tokens`. The account's credentials version is read inside the
 * token's own statements, so the check is atomic; the subquery comes from the users store.
 */
import { TOKEN_TTL, type TokenPurpose } from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { newToken, sha256Hex } from "../lib/ids";
import { credentialsVersionOf, userExists } from "./store";

/**
 * The condition for a row of `tokens` that can still be used; binds one parameter, the current
 * time. The credentials-version comparison is what ends links sent before a password or e-mail
 * event, even if a write marking them used was lost.
 */
const USABLE = [
	"used_at IS NULL",
	"expires_at > ?",
	`credentials_version = ${credentialsVersionOf("tokens.user_id")}`,
].join(" AND ");

/**
 * Issues a token bound to the account's current credentials version; earlier unused tokens of
 * the same purpose for the user stop working.
 */
export async function issueToken(
	db: D1Database,
	userId: string,
	purpose: TokenPurpose,
	payload: string | null = null,
	now: number = Date.now(),
): Promise<string> {
	const token = newToken();
	const hash = await sha256Hex(token);
	const created = nowIso(now);
	const expires = nowIso(now + TOKEN_TTL[purpose] * 1000);
	const exists = userExists(userId);
	await db.batch([
		db
			.prepare(
				"UPDATE tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
			)
			.bind(created, userId, purpose),
		// The version is read in the same statement: a password change that lands first makes
		// this token current, one that lands after it ends the token.
		db
			.prepare(
				`INSERT INTO tokens (token_hash, user_id, purpose, payload, expires_at, created_at, credentials_version)
				 SELECT ?, ?, ?, ?, ?, ?, ${credentialsVersionOf("?")} WHERE ${exists.sql}`,
			)
			.bind(hash, userId, purpose, payload, expires, created, userId, ...exists.params),
	]);
	return token;
}

export interface ConsumedToken {
	userId: string;
	purpose: TokenPurpose;
	payload: string | null;
}

interface TokenRow {
	user_id: string;
	purpose: TokenPurpose;
	payload: string | null;
	credentials_version: number;
}

/** A token that can be used now, read without using it (the use follows in a batch). */
export interface UsableToken extends ConsumedToken {
	hash: string;
	/** The account's credentials version the token belongs to (its current one). */
	credentialsVersion: number;
}

/** Uses a token once: null when it is unknown, expired, already used, of another purpose or
 * issued before the account's last password or e-mail event. */
export async function consumeToken(
	db: D1Database,
	token: string,
	purposes: readonly TokenPurpose[],
	now: number = Date.now(),
): Promise<ConsumedToken | null> {
	const row = await useTokenStatement(db, await sha256Hex(token), purposes, now).first<TokenRow>();
	return row ? { userId: row.user_id, purpose: row.purpose, payload: row.payload } : null;
}

/** Looks a token up without using it: null when it could not be used now. */
export async function findUsableToken(
	db: D1Database,
	token: string,
	purposes: readonly TokenPurpose[],
	now: number = Date.now(),
): Promise<UsableToken | null> {
	const hash = await sha256Hex(token);
	const row = await db
		.prepare(
			`SELECT user_id, purpose, payload, credentials_version FROM tokens
			 WHERE token_hash = ? AND purpose IN (${placeholders(purposes)}) AND ${USABLE}`,
		)
		.bind(hash, ...purposes, nowIso(now))
		.first<TokenRow>();
	if (!row) return null;
	return {
		hash,
		userId: row.user_id,
		purpose: row.purpose,
		payload: row.payload,
		credentialsVersion: row.credentials_version,
	};
}

/**
 * The statement that uses a token (by hash) once, returning its row when it did. Batched with
 * the change the token authorises, so a change refused by the database (a unique index) rolls
 * the use back and the link keeps working.
 */
export function useTokenStatement(
	db: D1Database,
	hash: string,
	purposes: readonly TokenPurpose[],
	now: number,
): D1PreparedStatement {
	const at = nowIso(now);
	return db
		.prepare(
			`UPDATE tokens SET used_at = ?
			 WHERE token_hash = ? AND purpose IN (${placeholders(purposes)}) AND ${USABLE}
			 RETURNING user_id, purpose, payload, credentials_version`,
		)
		.bind(at, hash, ...purposes, at);
}

/**
 * An SQL condition (with its parameters) that holds only after `useTokenStatement` for this
 * token ran at `now`: statements batched behind the use take effect only when the use did.
 */
export interface TokenGuard {
	sql: string;
	params: string[];
}

export function usedInThisBatch(hash: string, now: number): TokenGuard {
	return {
		sql: "EXISTS (SELECT 1 FROM tokens WHERE token_hash = ? AND used_at = ?)",
		params: [hash, nowIso(now)],
	};
}

/**
 * Marks every outstanding token of the account used (after a password or e-mail event; the
 * credentials version already ends them, this is the second lock). With a guard, only when the
 * token that authorised the event was used by the same batch.
 */
export function endTokensStatement(
	db: D1Database,
	userId: string,
	now: number,
	guard?: TokenGuard,
): D1PreparedStatement {
	return db
		.prepare(
			`UPDATE tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL${guard ? ` AND ${guard.sql}` : ""}`,
		)
		.bind(nowIso(now), userId, ...(guard?.params ?? []));
}

function placeholders(values: readonly unknown[]): string {
	return values.map(() => "?").join(", ");
}
