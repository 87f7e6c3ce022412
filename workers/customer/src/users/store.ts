/**
 * Users and their credentials in D1 — the only module with SQL on `users`. Passwords arrive
 * already hashed by Core; this module only stores the PHC string and the counters around it.
 * Every function takes the user id it acts on. Conditions other tables' statements need on a
 * user in the same statement (the plan revision a publish checked, a user's existence, a notice's
 * recipient) are built here and composed by those stores.
 */
import {
	type Attribution,
	autoHandle,
	fail,
	type Locale,
	ok,
	type PaymentAction,
	type Plan,
	type PlanId,
	type PlanStatus,
	type Result,
	type User,
} from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { newId } from "../lib/ids";
import { isUniqueViolation, type SqlCondition } from "../lib/sql";
import { insertProfileStatement } from "../profile/store";
import { endTokensStatement, type TokenGuard } from "./tokens";

export interface UserRow {
	id: string;
	email: string;
	email_verified_at: string | null;
	locale: Locale;
	password_hash: string;
	credentials_version: number;
	failed_logins: number;
	last_failed_login_at: string | null;
	attribution: string | null;
	plan_id: PlanId;
	plan_status: PlanStatus;
	current_period_end: string | null;
	cancel_at_period_end: number;
	stripe_customer_id: string | null;
	stripe_subscription_id: string | null;
	plan_revision: number;
	/** When the account's deletion began (migration 0013); see billing/plan.ts. */
	deletion_started_at: string | null;
	created_at: string;
	updated_at: string;
}

export function toUser(row: UserRow): User {
	return {
		id: row.id,
		email: row.email,
		emailVerified: row.email_verified_at !== null,
		locale: row.locale,
		createdAt: row.created_at,
	};
}

export function toPlan(row: UserRow): Plan {
	return {
		id: row.plan_id,
		status: row.plan_status,
		...(row.current_period_end ? { currentPeriodEnd: row.current_period_end } : {}),
		...(row.plan_id === "pro" ? { cancelAtPeriodEnd: row.cancel_at_period_end === 1 } : {}),
	};
}

export async function findUserById(db: D1Database, userId: string): Promise<UserRow | null> {
	return db.prepare("SELECT * FROM users WHERE id = ?").bind(userId).first<UserRow>();
}

/** Account ids in id order after `after`, for walks over every account (maintenance). */
export async function listUserIdsAfter(
	db: D1Database,
	after: string,
	limit: number,
): Promise<string[]> {
	const { results } = await db
		.prepare("SELECT id FROM users WHERE id > ? ORDER BY id LIMIT ?")
		.bind(after, limit)
		.all<{ id: string }>();
	return results.map((r) => r.id);
}

/**
 * Records that the account's deletion has begun, before its subscriptions are cancelled; false
 * when there is no such account.
 */
export async function markDeletionStarted(db: D1Database, userId: string): Promise<boolean> {
	const marked = await db
		.prepare("UPDATE users SET deletion_started_at = ? WHERE id = ? RETURNING id")
		.bind(nowIso(), userId)
		.first();
	return marked !== null;
}

export async function findUserByEmail(db: D1Database, email: string): Promise<UserRow | null> {
	return db.prepare("SELECT * FROM users WHERE email = ?").bind(email).first<UserRow>();
}

export interface CreateUserInput {
	email: string;
	passwordHash: string;
	locale: Locale;
	attribution?: Attribution;
}

/**
 * Creates the user and their profile (with a free handle derived from the e-mail) in one batch.
 * An address that is already registered is not an error: `created: false` lets Core answer the
 * same way and mail the owner instead.
 */
export async function createUser(
	db: D1Database,
	input: CreateUserInput,
): Promise<{ created: boolean; user: User; locale: Locale }> {
	const existing = await findUserByEmail(db, input.email);
	if (existing) return { created: false, user: toUser(existing), locale: existing.locale };

	const id = newId("usr");
	const now = nowIso();
	const localPart = input.email.split("@")[0] ?? "";
	for (let attempt = 0; attempt < 6; attempt++) {
		// Always an allowed handle (never reserved, a look-alike or an impersonating name).
		const handle = autoHandle(localPart, attempt > 0);
		try {
			await db.batch([
				db
					.prepare(
						`INSERT INTO users (id, email, locale, password_hash, attribution, created_at, updated_at)
						 VALUES (?, ?, ?, ?, ?, ?, ?)`,
					)
					.bind(
						id,
						input.email,
						input.locale,
						input.passwordHash,
						input.attribution ? JSON.stringify(input.attribution) : null,
						now,
						now,
					),
				insertProfileStatement(db, id, handle, now),
			]);
			const row = await findUserById(db, id);
			if (!row) throw new Error("user vanished after insert");
			return { created: true, user: toUser(row), locale: row.locale };
		} catch (error) {
			if (isUniqueViolation(error, "users.email")) {
				// Lost a race with a concurrent sign-up of the same address.
				const winner = await findUserByEmail(db, input.email);
				if (winner) return { created: false, user: toUser(winner), locale: winner.locale };
			}
			if (!isUniqueViolation(error, "profiles.handle")) throw error;
		}
	}
	throw new Error("could not find a free handle");
}

/** Records the outcome of a password check: failures grow the counter, a success clears it. */
export async function recordLoginResult(
	db: D1Database,
	userId: string,
	success: boolean,
): Promise<void> {
	const now = nowIso();
	if (success) {
		await db
			.prepare(
				"UPDATE users SET failed_logins = 0, last_failed_login_at = NULL WHERE id = ? AND failed_logins > 0",
			)
			.bind(userId)
			.run();
		return;
	}
	await db
		.prepare(
			"UPDATE users SET failed_logins = failed_logins + 1, last_failed_login_at = ? WHERE id = ?",
		)
		.bind(now, userId)
		.run();
}

/**
 * Stores a new password hash. `bumpVersion` marks a real change: the credentials version moves
 * on and every outstanding reset, e-mail-change and verification link ends in the same batch.
 * A re-hash with new parameters (same password) keeps them.
 */
export async function setPasswordHash(
	db: D1Database,
	userId: string,
	passwordHash: string,
	bumpVersion: boolean,
	now: number = Date.now(),
): Promise<void> {
	const update = db
		.prepare(
			`UPDATE users SET password_hash = ?, updated_at = ?,
			 credentials_version = credentials_version + ?, failed_logins = 0, last_failed_login_at = NULL
			 WHERE id = ?`,
		)
		.bind(passwordHash, nowIso(now), bumpVersion ? 1 : 0, userId);
	await db.batch(bumpVersion ? [update, endTokensStatement(db, userId, now)] : [update]);
}

// Statements batched behind the use of a token (see tokens.ts): each applies only when that use
// happened in the same batch (`guard`) and the account still has the credentials version the
// token belongs to, so of two racing uses at most one changes the account.

/** A password reset: new hash, next credentials version; the mailbox is proven, so verified. */
export function resetPasswordStatement(
	db: D1Database,
	userId: string,
	credentialsVersion: number,
	passwordHash: string,
	guard: TokenGuard,
	now: number,
): D1PreparedStatement {
	const at = nowIso(now);
	return db
		.prepare(
			`UPDATE users SET password_hash = ?, credentials_version = credentials_version + 1,
			 failed_logins = 0, last_failed_login_at = NULL,
			 email_verified_at = COALESCE(email_verified_at, ?), updated_at = ?
			 WHERE id = ? AND credentials_version = ? AND ${guard.sql} RETURNING *`,
		)
		.bind(passwordHash, at, at, userId, credentialsVersion, ...guard.params);
}

/**
 * A confirmed change of address: an e-mail event, so the credentials version moves on too. The
 * unique index on users.email decides a race for the same address (the batch then fails).
 */
export function changeEmailStatement(
	db: D1Database,
	userId: string,
	credentialsVersion: number,
	newEmail: string,
	guard: TokenGuard,
	now: number,
): D1PreparedStatement {
	const at = nowIso(now);
	return db
		.prepare(
			`UPDATE users SET email = ?, email_verified_at = ?,
			 credentials_version = credentials_version + 1, updated_at = ?
			 WHERE id = ? AND credentials_version = ? AND ${guard.sql} RETURNING *`,
		)
		.bind(newEmail, at, at, userId, credentialsVersion, ...guard.params);
}

/** The sign-up address confirmed (keeps the first confirmation time). */
export function markEmailVerifiedStatement(
	db: D1Database,
	userId: string,
	guard: TokenGuard,
	now: number,
): D1PreparedStatement {
	const at = nowIso(now);
	return db
		.prepare(
			`UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?), updated_at = ?
			 WHERE id = ? AND ${guard.sql} RETURNING *`,
		)
		.bind(at, at, userId, ...guard.params);
}

export async function setLocale(
	db: D1Database,
	userId: string,
	locale: Locale,
): Promise<Result<User>> {
	const row = await db
		.prepare("UPDATE users SET locale = ?, updated_at = ? WHERE id = ? RETURNING *")
		.bind(locale, nowIso(), userId)
		.first<UserRow>();
	return row ? ok(toUser(row)) : fail("not_found", "No such account.");
}

/** The plan columns of a user, for the limits a publish is checked against. */
export function planStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db
		.prepare("SELECT plan_id, plan_status, plan_revision FROM users WHERE id = ?")
		.bind(userId);
}

/** Holds while the user's plan is still at `revision` (the publish switch checks it atomically). */
export function planRevisionIs(userId: string, revision: number): SqlCondition {
	return { sql: "(SELECT plan_revision FROM users WHERE id = ?) = ?", params: [userId, revision] };
}

/**
 * The account's current credentials version as a scalar subquery for another table's statement
 * (tokens carry it): `ref` is the user id there, a column such as "tokens.user_id" or "?".
 */
export function credentialsVersionOf(ref: string): string {
	return `(SELECT users.credentials_version FROM users WHERE users.id = ${ref})`;
}

/** Holds while the user exists (rows of other tables are only added for an existing account). */
export function userExists(userId: string): SqlCondition {
	return { sql: "EXISTS (SELECT 1 FROM users WHERE id = ?)", params: [userId] };
}

/**
 * The recipient columns (`email`, `locale`) of the user `ref` names (a column of the caller's
 * query, e.g. "n.user_id"), as scalar subqueries: null when the user is gone.
 */
export function recipientColumns(ref: string): string {
	return `(SELECT email FROM users WHERE users.id = ${ref}) AS email,
		(SELECT locale FROM users WHERE users.id = ${ref}) AS locale`;
}

/** Deletes the user; every other row of the account cascades (foreign keys). */
export async function deleteUserRow(db: D1Database, userId: string): Promise<void> {
	await db.prepare("DELETE FROM users WHERE id = ?").bind(userId).run();
}

/** The accounts whose current Stripe customer is `customerId`. */
export function usersWithCustomerStatement(
	db: D1Database,
	customerId: string,
): D1PreparedStatement {
	return db
		.prepare("SELECT id AS user_id FROM users WHERE stripe_customer_id = ?")
		.bind(customerId);
}

/** The whole row of a user, as a statement for a batch. */
export function userStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db.prepare("SELECT * FROM users WHERE id = ?").bind(userId);
}

/**
 * Makes `customerId` the account's current customer unless it has one already or the customer is
 * another account's (`foreign`, built by the billing store); the compare-and-set of two racing
 * checkouts. Batched after the customer is remembered.
 */
export function claimCustomerStatement(
	db: D1Database,
	userId: string,
	customerId: string,
	foreign: SqlCondition,
): D1PreparedStatement {
	return db
		.prepare(
			`UPDATE users SET stripe_customer_id = ?
			 WHERE id = ? AND stripe_customer_id IS NULL
			 AND NOT ${foreign.sql}
			 AND NOT EXISTS (SELECT 1 FROM users WHERE stripe_customer_id = ?)`,
		)
		.bind(customerId, userId, ...foreign.params, customerId);
}

/** The account's current Stripe customer, as a statement for a batch. */
export function currentCustomerStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db.prepare("SELECT stripe_customer_id FROM users WHERE id = ?").bind(userId);
}

/** The subscription state a Stripe event carries, as stored on the account. */
export interface PlanWrite {
	plan: string;
	status: string;
	currentPeriodEnd: string | null;
	cancelAtPeriodEnd: boolean;
	/** The subscription is live: its customer becomes the current one. */
	live: boolean;
	customerId: string;
	subscriptionId: string;
	/** The invoice waiting for the customer's authentication, if the event names one. */
	paymentAction: PaymentAction | null;
}

/**
 * Stores a plan change as a compare-and-set on `plan_revision` (returns the row when it applied).
 * The invoice waiting for authentication is set by an open one that needs it, cleared when that
 * invoice is paid or voided, or when the subscription is no longer live.
 */
export function writePlanStatement(
	db: D1Database,
	userId: string,
	revision: number,
	write: PlanWrite,
): D1PreparedStatement {
	const url = write.paymentAction?.invoiceUrl ?? null;
	const invoice = write.paymentAction?.invoiceId ?? null;
	const flag = write.live ? 1 : 0;
	return db
		.prepare(
			`UPDATE users SET plan_id = ?, plan_status = ?, current_period_end = ?, cancel_at_period_end = ?,
			 stripe_customer_id = CASE WHEN ? = 1 OR stripe_customer_id IS NULL THEN ? ELSE stripe_customer_id END,
			 stripe_subscription_id = ?, plan_revision = plan_revision + 1, updated_at = ?,
			 payment_action_invoice = CASE WHEN ? = 0 THEN NULL WHEN ? IS NOT NULL THEN ?
			   WHEN payment_action_invoice = ? THEN NULL ELSE payment_action_invoice END,
			 payment_action_url = CASE WHEN ? = 0 THEN NULL WHEN ? IS NOT NULL THEN ?
			   WHEN payment_action_invoice = ? THEN NULL ELSE payment_action_url END
			 WHERE id = ? AND plan_revision = ? RETURNING *`,
		)
		.bind(
			write.plan,
			write.status,
			write.currentPeriodEnd,
			write.cancelAtPeriodEnd ? 1 : 0,
			flag,
			write.customerId,
			write.subscriptionId,
			nowIso(),
			flag,
			url,
			invoice,
			invoice,
			flag,
			url,
			url,
			invoice,
			userId,
			revision,
		);
}

/**
 * Ids of accounts created before `createdBefore` (ISO) for which `condition` holds, in id order
 * after `after`: the statistics roll-up asks which accounts still lack a day.
 */
export async function listUserIdsWhere(
	db: D1Database,
	createdBefore: string,
	condition: SqlCondition,
	after: string,
	limit: number,
): Promise<string[]> {
	const { results } = await db
		.prepare(
			`SELECT id FROM users WHERE created_at < ? AND id > ? AND ${condition.sql} ORDER BY id LIMIT ?`,
		)
		.bind(createdBefore, after, ...condition.params, limit)
		.all<{ id: string }>();
	return results.map((r) => r.id);
}
