/**
 * Account-level operations that span several tables: confirming addresses, resetting passwords,
 * exporting everything stored about an account, and deleting all of it (D1 and R2).
 */
import { fail, ok, type Result, r2Keys, type User } from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import {
	findUserByEmail,
	findUserById,
	setPasswordHash,
	toPlan,
	toUser,
	type UserRow,
} from "./store";
import { consumeToken, issueToken } from "./tokens";

export interface VerifiedEmail {
	user: User;
	/** The plan chosen at sign-up (marketing deep link), to continue into checkout. */
	signupPlan?: "pro";
	/** Set when the token confirmed a change of address: the address that was replaced. */
	previousEmail?: string;
	firstVerification: boolean;
}

/** Confirms an address: a sign-up verification token or an e-mail change token. */
export async function verifyEmail(db: D1Database, token: string): Promise<Result<VerifiedEmail>> {
	const used = await consumeToken(db, token, ["verify_email", "email_change"]);
	if (!used)
		return fail("validation_failed", "This link is invalid or has expired.", {
			fields: { token: "is invalid, expired or already used" },
		});
	const before = await findUserById(db, used.userId);
	if (!before) return fail("validation_failed", "This link is invalid or has expired.");
	const now = nowIso();
	if (used.purpose === "email_change" && used.payload) {
		if (await findUserByEmail(db, used.payload)) {
			return fail("conflict", "This address belongs to another account now.");
		}
		const row = await db
			.prepare(
				"UPDATE users SET email = ?, email_verified_at = ?, updated_at = ? WHERE id = ? RETURNING *",
			)
			.bind(used.payload, now, now, used.userId)
			.first<UserRow>();
		if (!row) return fail("validation_failed", "This link is invalid or has expired.");
		return ok({ user: toUser(row), previousEmail: before.email, firstVerification: false });
	}
	const row = await db
		.prepare(
			"UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?), updated_at = ? WHERE id = ? RETURNING *",
		)
		.bind(now, now, used.userId)
		.first<UserRow>();
	if (!row) return fail("validation_failed", "This link is invalid or has expired.");
	const attribution = row.attribution ? (JSON.parse(row.attribution) as { plan?: string }) : {};
	return ok({
		user: toUser(row),
		firstVerification: before.email_verified_at === null,
		...(attribution.plan === "pro" && row.plan_id !== "pro" ? { signupPlan: "pro" as const } : {}),
	});
}

/** Sets a new password with a reset token (once); the credentials version moves on. */
export async function resetPassword(
	db: D1Database,
	token: string,
	passwordHash: string,
): Promise<Result<User>> {
	const used = await consumeToken(db, token, ["password_reset"]);
	if (!used)
		return fail("validation_failed", "This link is invalid or has expired.", {
			fields: { token: "is invalid, expired or already used" },
		});
	await setPasswordHash(db, used.userId, passwordHash, true);
	// A reset proves control of the mailbox, so the address counts as verified too.
	const row = await db
		.prepare(
			"UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?) WHERE id = ? RETURNING *",
		)
		.bind(nowIso(), used.userId)
		.first<UserRow>();
	return row ? ok(toUser(row)) : fail("validation_failed", "This link is invalid or has expired.");
}

/** Starts a change of address: a token for the new address, unless another account has it. */
export async function requestEmailChange(
	db: D1Database,
	userId: string,
	newEmail: string,
): Promise<Result<{ token: string | null; user: User }>> {
	const row = await findUserById(db, userId);
	if (!row) return fail("not_found", "No such account.");
	if (newEmail === row.email) {
		return fail("validation_failed", "This is already your address.", {
			fields: { newEmail: "is already your address" },
		});
	}
	// Taken addresses get no token, but the same 202 answer (no enumeration through this form).
	if (await findUserByEmail(db, newEmail)) return ok({ token: null, user: toUser(row) });
	const token = await issueToken(db, userId, "email_change", newEmail);
	return ok({ token, user: toUser(row) });
}

/** Everything stored about an account, as one JSON document (no secrets, no hashes). */
export async function exportAccount(db: D1Database, userId: string): Promise<Result<unknown>> {
	const row = await findUserById(db, userId);
	if (!row) return fail("not_found", "No such account.");
	const [profile, pages, links, versions, assets, domains] = await db.batch([
		db.prepare("SELECT * FROM profiles WHERE user_id = ?").bind(userId),
		db.prepare("SELECT * FROM pages WHERE user_id = ? ORDER BY created_at").bind(userId),
		db.prepare("SELECT * FROM links WHERE user_id = ? ORDER BY page_id, position").bind(userId),
		db
			.prepare("SELECT page_id, version, published_at FROM page_versions WHERE user_id = ?")
			.bind(userId),
		db
			.prepare("SELECT name, content_type, size, created_at FROM assets WHERE user_id = ?")
			.bind(userId),
		db
			.prepare(
				`SELECT id, hostname, status, txt_token AS verification_value, suspended, error, created_at,
				 activated_at, last_checked_at FROM domains WHERE user_id = ? ORDER BY created_at`,
			)
			.bind(userId),
	]);
	return ok({
		exportedAt: nowIso(),
		user: {
			...toUser(row),
			emailVerifiedAt: row.email_verified_at,
			attribution: row.attribution ? JSON.parse(row.attribution) : null,
			updatedAt: row.updated_at,
		},
		plan: toPlan(row),
		profile: profile?.results[0] ?? null,
		pages: pages?.results ?? [],
		links: links?.results ?? [],
		publishedVersions: versions?.results ?? [],
		assets: assets?.results ?? [],
		domains: domains?.results ?? [],
	});
}

/**
 * Deletes the account: published content and host mappings in R2 first (so nothing stays online),
 * then every row (foreign keys cascade from users).
 */
export async function deleteAccount(
	db: D1Database,
	bucket: R2Bucket,
	userId: string,
	pagesDomain: string,
): Promise<Result<{ email: string; locale: User["locale"] }>> {
	const row = await findUserById(db, userId);
	if (!row) return fail("not_found", "No such account.");
	const profile = await db
		.prepare("SELECT handle FROM profiles WHERE user_id = ?")
		.bind(userId)
		.first<{ handle: string }>();
	const hostKeys = profile ? [r2Keys.host(`${profile.handle}.${pagesDomain}`)] : [];
	await bucket.delete(hostKeys);
	await deletePrefix(bucket, r2Keys.sitePrefix(userId));
	await db.prepare("DELETE FROM users WHERE id = ?").bind(userId).run();
	return ok({ email: row.email, locale: row.locale });
}

/** Deletes every object under a prefix, a listing page at a time. */
export async function deletePrefix(bucket: R2Bucket, prefix: string): Promise<void> {
	let cursor: string | undefined;
	do {
		const listing = await bucket.list({ prefix, cursor, limit: 1000 });
		if (listing.objects.length > 0) await bucket.delete(listing.objects.map((o) => o.key));
		cursor = listing.truncated ? listing.cursor : undefined;
	} while (cursor);
}
