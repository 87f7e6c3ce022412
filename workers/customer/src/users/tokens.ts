/**
 * Single-use tokens (e-mail verification, password reset, e-mail change). The raw token goes to
 * the user by mail and is never stored; D1 holds its SHA-256. Use is one conditional UPDATE, so
 * of two concurrent uses exactly one sees its row change.
 */
import { TOKEN_TTL, type TokenPurpose } from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { newToken, sha256Hex } from "../lib/ids";

/** Issues a token; earlier unused tokens of the same purpose for the user stop working. */
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
	await db.batch([
		db
			.prepare(
				"UPDATE tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
			)
			.bind(created, userId, purpose),
		db
			.prepare(
				`INSERT INTO tokens (token_hash, user_id, purpose, payload, expires_at, created_at)
				 VALUES (?, ?, ?, ?, ?, ?)`,
			)
			.bind(hash, userId, purpose, payload, expires, created),
	]);
	return token;
}

export interface ConsumedToken {
	userId: string;
	purpose: TokenPurpose;
	payload: string | null;
}

/** Uses a token once: null when it is unknown, expired, already used or of another purpose. */
export async function consumeToken(
	db: D1Database,
	token: string,
	purposes: readonly TokenPurpose[],
	now: number = Date.now(),
): Promise<ConsumedToken | null> {
	const hash = await sha256Hex(token);
	const placeholders = purposes.map(() => "?").join(", ");
	const row = await db
		.prepare(
			`UPDATE tokens SET used_at = ?
			 WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? AND purpose IN (${placeholders})
			 RETURNING user_id, purpose, payload`,
		)
		.bind(nowIso(now), hash, nowIso(now), ...purposes)
		.first<{ user_id: string; purpose: TokenPurpose; payload: string | null }>();
	return row ? { userId: row.user_id, purpose: row.purpose, payload: row.payload } : null;
}
