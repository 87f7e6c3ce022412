/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and recovery codes: setting it
 * up, turning it on with a first code, checking a code at sign-in (each code once), recovery
 * codes (ten, single-use, stored hashed), and turning it off. The secret is sealed under this
 * worker's key (./secret-box explains why the key lives here); the SQL is ./store's.
 */
import {
	base32Encode,
	fail,
	matchTotp,
	ok,
	otpauthUrl,
	type Result,
	sha256Hex,
	TOTP_SECRET_BYTES,
	type TotpSetup,
	type TwoFactorState,
} from "@smartpages/contracts";
import { findUserById } from "../users/store";
import { open, type SecretBoxConfig, seal } from "./secret-box";
import * as store from "./store";

export const RECOVERY_CODE_COUNT = 10;
// 32 symbols (5 bits each) without look-alikes i, l, o, u: ten of them are 50 bits per code.
const CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export interface TwoFactorConfig {
	db: D1Database;
	box: SecretBoxConfig;
}

/** Ten new recovery codes as shown to the owner (`xxxxx-xxxxx`) and their stored hashes. */
async function newRecoveryCodes(userId: string): Promise<{ codes: string[]; hashes: string[] }> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const bytes = crypto.getRandomValues(new Uint8Array(10));
		const text = [...bytes].map((b) => CODE_ALPHABET[b & 31]).join("");
		return `${text.slice(0, 5)}-${text.slice(5)}`;
	});
	return { codes, hashes: await Promise.all(codes.map((c) => hashRecoveryCode(userId, c))) };
}

/** A recovery code's stored form: salted with the account, typed with or without the dash. */
async function hashRecoveryCode(userId: string, code: string): Promise<string> {
	return sha256Hex(`${userId}:${code.toLowerCase().replace(/[^0-9a-z]/g, "")}`);
}

/** Starts (or restarts) a setup: a new secret, stored sealed and pending until its first code. */
export async function beginTotpSetup(
	config: TwoFactorConfig,
	userId: string,
	now: number = Date.now(),
): Promise<Result<TotpSetup>> {
	const user = await findUserById(config.db, userId);
	if (!user) return fail("not_found", "No such account.");
	const current = await store.findTotp(config.db, userId);
	if (current?.enabled_at) return fail("conflict", "Two-factor sign-in is already on.");
	const secret = crypto.getRandomValues(new Uint8Array(TOTP_SECRET_BYTES));
	const sealed = await seal(config.box, userId, secret);
	if (!(await store.storePendingTotp(config.db, userId, sealed, now))) {
		return fail("conflict", "Two-factor sign-in is already on.");
	}
	const encoded = base32Encode(secret);
	return ok({ secret: encoded, otpauthUrl: otpauthUrl(encoded, user.email) });
}

const wrongCode = () =>
	fail("validation_failed", "The code is not correct.", { fields: { code: "is not correct" } });

/** Turns a pending setup on with a code from the app; answers the recovery codes (shown once). */
export async function enableTotp(
	config: TwoFactorConfig,
	userId: string,
	code: string,
	now: number = Date.now(),
): Promise<Result<{ recoveryCodes: string[] }>> {
	const row = await store.findTotp(config.db, userId);
	if (!row) return fail("conflict", "Start the setup first.");
	if (row.enabled_at) return fail("conflict", "Two-factor sign-in is already on.");
	const secret = await open(config.box, userId, row.secret_ciphertext);
	if (!secret) return fail("conflict", "Start the setup again.");
	const step = await matchTotp(secret, code, now, row.last_step);
	if (step === null) return wrongCode();
	const { codes, hashes } = await newRecoveryCodes(userId);
	if (!(await store.enableTotp(config.db, userId, step, hashes, now))) {
		return fail("conflict", "Two-factor sign-in is already on.");
	}
	return ok({ recoveryCodes: codes });
}

const refused = () => fail("invalid_credentials", "The code is not correct.");

/**
 * The second step of a sign-in: a code from the app, accepted once (its step must be after the
 * last one accepted, decided by one conditional UPDATE). `invalid_credentials` otherwise.
 */
export async function verifyTotp(
	config: TwoFactorConfig,
	userId: string,
	code: string,
	now: number = Date.now(),
): Promise<Result<null>> {
	const row = await store.findTotp(config.db, userId);
	if (!row?.enabled_at) return refused();
	const secret = await open(config.box, userId, row.secret_ciphertext);
	if (!secret) return refused();
	const step = await matchTotp(secret, code, now, row.last_step);
	if (step === null || !(await store.acceptStep(config.db, userId, step))) return refused();
	return ok(null);
}

/** The second step with a recovery code instead: each works once. Answers the codes left. */
export async function useRecoveryCode(
	db: D1Database,
	userId: string,
	code: string,
	now: number = Date.now(),
): Promise<Result<{ remaining: number }>> {
	const used = await store.useRecoveryCode(db, userId, await hashRecoveryCode(userId, code), now);
	if (!used) return fail("invalid_credentials", "The recovery code is not correct.");
	return ok({ remaining: await store.countRecoveryCodes(db, userId) });
}

/** A new set of ten recovery codes; the old ones stop working. `conflict` while two-factor is off. */
export async function regenerateRecoveryCodes(
	db: D1Database,
	userId: string,
	now: number = Date.now(),
): Promise<Result<{ recoveryCodes: string[] }>> {
	const { codes, hashes } = await newRecoveryCodes(userId);
	if (!(await store.replaceRecoveryCodes(db, userId, hashes, now))) {
		return fail("conflict", "Two-factor sign-in is off.");
	}
	return ok({ recoveryCodes: codes });
}

/** Turns two-factor off (a pending setup goes too); whether it was on. Cannot fail. */
export async function disableTotp(db: D1Database, userId: string): Promise<{ wasOn: boolean }> {
	return { wasOn: await store.removeTotp(db, userId) };
}

/** Whether two-factor is on and how many recovery codes are left. Cannot fail. */
export async function twoFactorState(db: D1Database, userId: string): Promise<TwoFactorState> {
	const row = await store.findTotp(db, userId);
	const totpEnabled = Boolean(row?.enabled_at);
	return {
		totpEnabled,
		recoveryCodesLeft: totpEnabled ? await store.countRecoveryCodes(db, userId) : 0,
	};
}
