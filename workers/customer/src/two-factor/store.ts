/**
 * Two-factor sign-in in D1 — the only module with SQL on `totp_secrets` and `recovery_codes`
 * (migration 0019). Secrets arrive sealed (./secret-box) and codes hashed (./two-factor); what
 * must be atomic is one statement or one batch here: accepting a code's time step only after the
 * last one used, a recovery code's single use, and enabling with a fresh set of codes.
 */
import { nowIso } from "../lib/clock";
import { userExists } from "../users/store";

export interface TotpRow {
	user_id: string;
	secret_ciphertext: string;
	enabled_at: string | null;
	last_step: number;
	created_at: string;
}

export async function findTotp(db: D1Database, userId: string): Promise<TotpRow | null> {
	return db.prepare("SELECT * FROM totp_secrets WHERE user_id = ?").bind(userId).first<TotpRow>();
}

/**
 * Stores a pending secret (a new setup replaces an earlier pending one); false when two-factor
 * is already on or the account is gone.
 */
export async function storePendingTotp(
	db: D1Database,
	userId: string,
	ciphertext: string,
	now: number,
): Promise<boolean> {
	const exists = userExists(userId);
	const row = await db
		.prepare(
			`INSERT INTO totp_secrets (user_id, secret_ciphertext, enabled_at, last_step, created_at)
			 SELECT ?, ?, NULL, 0, ? WHERE ${exists.sql}
			 ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = excluded.secret_ciphertext,
			   last_step = 0, created_at = excluded.created_at
			 WHERE totp_secrets.enabled_at IS NULL
			 RETURNING user_id`,
		)
		.bind(userId, ciphertext, nowIso(now), ...exists.params)
		.first();
	return row !== null;
}

/** Statements that insert a fresh set of recovery codes while `guard` holds (same batch). */
function insertCodes(
	db: D1Database,
	userId: string,
	hashes: string[],
	at: string,
	guard: { sql: string; params: (string | number)[] },
): D1PreparedStatement[] {
	return [
		db
			.prepare(`DELETE FROM recovery_codes WHERE user_id = ? AND ${guard.sql}`)
			.bind(userId, ...guard.params),
		...hashes.map((hash) =>
			db
				.prepare(
					`INSERT INTO recovery_codes (user_id, code_hash, used_at, created_at)
					 SELECT ?, ?, NULL, ? WHERE ${guard.sql}`,
				)
				.bind(userId, hash, at, ...guard.params),
		),
	];
}

/**
 * Turns a pending setup on with the step of its first code and a new set of recovery codes, in
 * one batch; false when it was not pending any more (enabled meanwhile, or removed) or the step
 * was not after the last one used.
 */
export async function enableTotp(
	db: D1Database,
	userId: string,
	step: number,
	codeHashes: string[],
	now: number,
): Promise<boolean> {
	const at = nowIso(now);
	// The codes are written only by the batch whose UPDATE switched the setup on.
	const guard = {
		sql: "EXISTS (SELECT 1 FROM totp_secrets WHERE user_id = ? AND enabled_at = ? AND last_step = ?)",
		params: [userId, at, step],
	};
	const [enabled] = await db.batch([
		db
			.prepare(
				`UPDATE totp_secrets SET enabled_at = ?, last_step = ?
				 WHERE user_id = ? AND enabled_at IS NULL AND last_step < ? RETURNING user_id`,
			)
			.bind(at, step, userId, step),
		...insertCodes(db, userId, codeHashes, at, guard),
	]);
	return (enabled?.results.length ?? 0) > 0;
}

/** Accepts a code's time step for a live setup: only one after the last step used (replay). */
export async function acceptStep(db: D1Database, userId: string, step: number): Promise<boolean> {
	const row = await db
		.prepare(
			`UPDATE totp_secrets SET last_step = ?
			 WHERE user_id = ? AND enabled_at IS NOT NULL AND last_step < ? RETURNING user_id`,
		)
		.bind(step, userId, step)
		.first();
	return row !== null;
}

const ENABLED = "EXISTS (SELECT 1 FROM totp_secrets WHERE user_id = ? AND enabled_at IS NOT NULL)";

/** Replaces the recovery codes while two-factor is on; false when it is off. */
export async function replaceRecoveryCodes(
	db: D1Database,
	userId: string,
	codeHashes: string[],
	now: number,
): Promise<boolean> {
	const results = await db.batch(
		insertCodes(db, userId, codeHashes, nowIso(now), { sql: ENABLED, params: [userId] }),
	);
	return results.slice(1).some((r) => (r.meta.changes ?? 0) > 0);
}

/** Uses one recovery code once, while two-factor is on; false when it is unknown or used. */
export async function useRecoveryCode(
	db: D1Database,
	userId: string,
	codeHash: string,
	now: number,
): Promise<boolean> {
	const row = await db
		.prepare(
			`UPDATE recovery_codes SET used_at = ?
			 WHERE user_id = ? AND code_hash = ? AND used_at IS NULL AND ${ENABLED} RETURNING user_id`,
		)
		.bind(nowIso(now), userId, codeHash, userId)
		.first();
	return row !== null;
}

/** The unused recovery codes of an account. */
export async function countRecoveryCodes(db: D1Database, userId: string): Promise<number> {
	const row = await db
		.prepare("SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL")
		.bind(userId)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

/** Removes the secret (pending or on) and every recovery code; whether two-factor was on. */
export async function removeTotp(db: D1Database, userId: string): Promise<boolean> {
	const [removed] = await db.batch([
		db.prepare("DELETE FROM totp_secrets WHERE user_id = ? RETURNING enabled_at").bind(userId),
		db.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(userId),
	]);
	const row = removed?.results[0] as { enabled_at: string | null } | undefined;
	return row !== undefined && row.enabled_at !== null;
}

/** For the export: when two-factor was turned on (no secret) and the unused codes, as a batch. */
export function exportStatements(
	db: D1Database,
	userId: string,
): [D1PreparedStatement, D1PreparedStatement] {
	return [
		db
			.prepare("SELECT enabled_at FROM totp_secrets WHERE user_id = ? AND enabled_at IS NOT NULL")
			.bind(userId),
		db
			.prepare("SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL")
			.bind(userId),
	];
}
