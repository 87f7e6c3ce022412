/**
 * Passkeys (WebAuthn credentials) in D1 — the only module with SQL on `passkeys` (migration
 * 0019). Core verifies registrations and assertions (it holds the challenges); this store keeps
 * the public keys, names and counters. Every statement of an account's own list is scoped by its
 * user id (another account's passkey is not found); a sign-in looks a credential up by its id
 * alone, because it starts without an e-mail address.
 */
import type { NewPasskey, Passkey, PasskeyUse, StoredPasskey } from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { newId } from "../lib/ids";
import { isUniqueViolation } from "../lib/sql";
import { userExists } from "../users/store";

interface PasskeyRow {
	id: string;
	user_id: string;
	credential_id: string;
	public_key: string;
	sign_count: number;
	transports: string;
	device_type: "singleDevice" | "multiDevice";
	backed_up: number;
	name: string;
	created_at: string;
	last_used_at: string | null;
}

/** The columns a passkey's public shape is made of (also what the export selects). */
export type PasskeyExportRow = Pick<PasskeyRow, "id" | "name" | "created_at" | "last_used_at">;

export function toPasskey(row: PasskeyExportRow): Passkey {
	return {
		id: row.id,
		name: row.name,
		createdAt: row.created_at,
		...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
	};
}

function toStored(row: PasskeyRow): StoredPasskey {
	let transports: string[] = [];
	try {
		const parsed: unknown = JSON.parse(row.transports);
		if (Array.isArray(parsed)) transports = parsed.filter((t) => typeof t === "string");
	} catch {
		// A broken list only loses the browser's hint of how to reach the authenticator.
	}
	return {
		id: row.id,
		userId: row.user_id,
		credentialId: row.credential_id,
		publicKey: row.public_key,
		signCount: row.sign_count,
		transports,
		deviceType: row.device_type,
		backedUp: row.backed_up === 1,
		name: row.name,
	};
}

/** Stores a verified passkey; null when the credential is registered already (or no account). */
export async function insertPasskey(
	db: D1Database,
	userId: string,
	input: NewPasskey,
	now: number = Date.now(),
): Promise<Passkey | null> {
	const exists = userExists(userId);
	try {
		const row = await db
			.prepare(
				`INSERT INTO passkeys (id, user_id, credential_id, public_key, sign_count, transports,
				   device_type, backed_up, name, created_at, last_used_at)
				 SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL WHERE ${exists.sql} RETURNING *`,
			)
			.bind(
				newId("pk"),
				userId,
				input.credentialId,
				input.publicKey,
				input.signCount,
				JSON.stringify(input.transports),
				input.deviceType,
				input.backedUp ? 1 : 0,
				input.name,
				nowIso(now),
				...exists.params,
			)
			.first<PasskeyRow>();
		return row ? toPasskey(row) : null;
	} catch (error) {
		if (isUniqueViolation(error, "passkeys.credential_id")) return null;
		throw error;
	}
}

/** The account's passkeys, oldest first. */
export async function listPasskeys(db: D1Database, userId: string): Promise<Passkey[]> {
	const { results } = await db
		.prepare("SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at, id")
		.bind(userId)
		.all<PasskeyRow>();
	return results.map(toPasskey);
}

/** The account's credentials with their transports (to exclude at a new registration). */
export async function listCredentials(db: D1Database, userId: string): Promise<StoredPasskey[]> {
	const { results } = await db
		.prepare("SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at, id")
		.bind(userId)
		.all<PasskeyRow>();
	return results.map(toStored);
}

export async function renamePasskey(
	db: D1Database,
	userId: string,
	id: string,
	name: string,
): Promise<Passkey | null> {
	const row = await db
		.prepare("UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ? RETURNING *")
		.bind(name, id, userId)
		.first<PasskeyRow>();
	return row ? toPasskey(row) : null;
}

export async function deletePasskey(db: D1Database, userId: string, id: string): Promise<boolean> {
	const row = await db
		.prepare("DELETE FROM passkeys WHERE id = ? AND user_id = ? RETURNING id")
		.bind(id, userId)
		.first();
	return row !== null;
}

/** A credential by the authenticator's id, whichever account holds it (sign-in). */
export async function findByCredentialId(
	db: D1Database,
	credentialId: string,
): Promise<StoredPasskey | null> {
	const row = await db
		.prepare("SELECT * FROM passkeys WHERE credential_id = ?")
		.bind(credentialId)
		.first<PasskeyRow>();
	return row ? toStored(row) : null;
}

/**
 * Records a sign-in: the new counter and backup flags, as a compare-and-set on the counter the
 * assertion was checked against and on its challenge, so of two sign-ins with the same counter
 * only one applies, and one assertion is recorded once (also when the authenticator's counter
 * stays 0, as synced passkeys' does).
 */
export async function recordUse(
	db: D1Database,
	use: PasskeyUse,
	now: number = Date.now(),
): Promise<boolean> {
	const row = await db
		.prepare(
			`UPDATE passkeys SET sign_count = ?, device_type = ?, backed_up = ?, last_used_at = ?,
			   last_challenge = ?
			 WHERE id = ? AND sign_count = ? AND (last_challenge IS NULL OR last_challenge <> ?)
			 RETURNING id`,
		)
		.bind(
			use.signCount,
			use.deviceType,
			use.backedUp ? 1 : 0,
			nowIso(now),
			use.challengeHash,
			use.id,
			use.expectedSignCount,
			use.challengeHash,
		)
		.first();
	return row !== null;
}

/** For the export: names and dates only, never a key or counter. */
export function exportStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db
		.prepare(
			"SELECT id, name, created_at, last_used_at FROM passkeys WHERE user_id = ? ORDER BY created_at, id",
		)
		.bind(userId);
}
