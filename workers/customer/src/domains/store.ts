/**
 * Custom-domain claims in D1. Several accounts may claim one hostname while none has proven
 * ownership; once one proves its TXT record ('verifying', then 'active', also while suspended by a
 * downgrade) the hostname is that account's alone: a partial unique index on proven rows holds
 * that, and the conditional update in `proveClaim` decides who is first. A suspended claim holds
 * no custom hostname at Cloudflare (`suspendDomainRow` retires it; `changeDomainRow` records none).
 *
 * Also the two tables the cron works off (migration 0010): tombstones of custom hostnames still
 * to delete at Cloudflare, and the outbox of domain mails. The only module with SQL on `domains`,
 * `hostname_tombstones` and `domain_notices`; a notice's recipient comes from users/store.ts.
 */
import type { Domain, Locale } from "@smartpages/contracts";
import { isUniqueViolation, type SqlQuery } from "../lib/sql";
import { recipientColumns } from "../users/store";

export interface DomainRow {
	id: string;
	user_id: string;
	hostname: string;
	status: Domain["status"];
	txt_token: string;
	cf_hostname_id: string | null;
	suspended: number;
	txt_missing_since: string | null;
	error: string | null;
	created_at: string;
	activated_at: string | null;
	last_checked_at: string | null;
	/** Start of the current 72-hour verification window; null means `created_at`. */
	checks_started_at: string | null;
}

/** The statuses of a claim whose ownership is proven: it blocks the hostname for everyone else. */
const PROVEN = "('verifying', 'active')";

/**
 * An unproven claim without progress for a while is released: a failed one when its owner has not
 * checked it since the cutoff, a pending one whose verification window began before it (the cron
 * normally fails those long before).
 */
const EXPIRED = `((status = 'failed' AND COALESCE(last_checked_at, created_at) < ?1)
	OR (status = 'pending' AND COALESCE(checks_started_at, created_at) < ?1))`;

export function isProven(row: Pick<DomainRow, "status">): boolean {
	return row.status === "verifying" || row.status === "active";
}

export async function listDomainRows(db: D1Database, userId: string): Promise<DomainRow[]> {
	const { results } = await db
		.prepare("SELECT * FROM domains WHERE user_id = ? ORDER BY created_at, id")
		.bind(userId)
		.all<DomainRow>();
	return results;
}

/**
 * `firstActiveHostname` as a scalar subquery, for a statement that loads the account with it
 * (tenant.ts): the publish needs the site's canonical origin and should not pay a statement for it.
 */
export function firstActiveHostnameQuery(userId: string): SqlQuery {
	return {
		sql: "(SELECT hostname FROM domains WHERE user_id = ? AND status = 'active' AND suspended = 0 ORDER BY created_at LIMIT 1)",
		params: [userId],
	};
}

/** The site's preferred custom hostname: its first active one, not suspended (null: none). */
export async function firstActiveHostname(db: D1Database, userId: string): Promise<string | null> {
	const row = await db
		.prepare(
			"SELECT hostname FROM domains WHERE user_id = ? AND status = 'active' AND suspended = 0 ORDER BY created_at LIMIT 1",
		)
		.bind(userId)
		.first<{ hostname: string }>();
	return row?.hostname ?? null;
}

/** The account's claims, for its data export (in the export's batch). */
export function exportStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db
		.prepare(
			`SELECT id, hostname, status, txt_token AS verification_value, suspended, error, created_at,
			 activated_at, last_checked_at FROM domains WHERE user_id = ? ORDER BY created_at`,
		)
		.bind(userId);
}

export async function findDomainRow(
	db: D1Database,
	userId: string,
	domainId: string,
): Promise<DomainRow | null> {
	return db
		.prepare("SELECT * FROM domains WHERE id = ? AND user_id = ?")
		.bind(domainId, userId)
		.first<DomainRow>();
}

/** The claim that holds `hostname` (ownership proven), if any. */
export async function findProvenClaim(db: D1Database, hostname: string): Promise<DomainRow | null> {
	return db
		.prepare(`SELECT * FROM domains WHERE hostname = ? AND status IN ${PROVEN}`)
		.bind(hostname)
		.first<DomainRow>();
}

/**
 * Records a pending claim unless the account is at its limit, already claims the hostname, or
 * another account holds it; null then (`blockingClaim` tells which). One statement, so two
 * concurrent claims cannot both pass the checks.
 */
export async function insertClaim(
	db: D1Database,
	claim: { id: string; userId: string; hostname: string; token: string; now: string },
	max: number,
): Promise<DomainRow | null> {
	try {
		return await db
			.prepare(
				`INSERT INTO domains (id, user_id, hostname, txt_token, created_at)
				 SELECT ?1, ?2, ?3, ?4, ?5
				 WHERE (SELECT COUNT(*) FROM domains WHERE user_id = ?2) < ?6
				   AND NOT EXISTS (SELECT 1 FROM domains
				                   WHERE hostname = ?3 AND (user_id = ?2 OR status IN ${PROVEN}))
				 RETURNING *`,
			)
			.bind(claim.id, claim.userId, claim.hostname, claim.token, claim.now, max)
			.first<DomainRow>();
	} catch (error) {
		// The unique indexes are the backstop for the checks above.
		if (isUniqueViolation(error, "domains.hostname")) return null;
		throw error;
	}
}

/** The account's own claim of `hostname`, or another account's proven one. */
export async function blockingClaim(
	db: D1Database,
	userId: string,
	hostname: string,
): Promise<DomainRow | null> {
	return db
		.prepare(
			`SELECT * FROM domains WHERE hostname = ? AND (user_id = ? OR status IN ${PROVEN})
			 ORDER BY user_id = ? DESC LIMIT 1`,
		)
		.bind(hostname, userId, userId)
		.first<DomainRow>();
}

export type DomainPatch = Partial<
	Pick<
		DomainRow,
		| "status"
		| "cf_hostname_id"
		| "error"
		| "activated_at"
		| "txt_missing_since"
		| "checks_started_at"
		| "last_checked_at"
	>
>;

/** A "domain active" / "domain failed" mail owed to the account (the outbox, domain_notices). */
export interface NoticeInsert {
	id: string;
	userId: string;
	template: "domain_active" | "domain_failed";
	hostname: string;
	reason: string | null;
	now: string;
}

/**
 * A tombstone for the stored claim's custom hostname if the update that follows in the batch
 * (same condition: the status as read) replaces it with `next`: a custom hostname id leaves the
 * domains table only into a tombstone.
 */
function tombstoneStatement(
	db: D1Database,
	row: DomainRow,
	next: string | null,
	now: string,
): D1PreparedStatement {
	return db
		.prepare(
			`INSERT OR IGNORE INTO hostname_tombstones (cf_hostname_id, hostname, created_at)
			 SELECT cf_hostname_id, hostname, ?1 FROM domains
			 WHERE id = ?2 AND user_id = ?3 AND status = ?4
			   AND cf_hostname_id IS NOT NULL AND cf_hostname_id IS NOT ?5
			 RETURNING cf_hostname_id`,
		)
		.bind(now, row.id, row.user_id, row.status, next);
}

/** The notice, only if the statement just before it in the batch changed a row. */
function noticeStatement(db: D1Database, notice: NoticeInsert): D1PreparedStatement {
	return db
		.prepare(
			`INSERT INTO domain_notices (id, user_id, template, hostname, reason, created_at)
			 SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE changes() > 0`,
		)
		.bind(notice.id, notice.userId, notice.template, notice.hostname, notice.reason, notice.now);
}

/**
 * Writes `patch` over `row` if the stored claim still has the status `row` was read with, and
 * returns the stored result; null when a concurrent change got there first (or the claim is gone),
 * so a stale copy never overwrites it. `suspended` belongs to the plan and is not written here; a
 * suspended claim takes no custom hostname id (a check that raced the downgrade does not record
 * the registration it made, and so deletes it).
 * In the same batch, and only if the change applies: a custom hostname it replaces becomes a
 * tombstone (`retired`, to delete at Cloudflare), and `notice` is queued for the mail.
 */
export async function changeDomainRow(
	db: D1Database,
	row: DomainRow,
	patch: DomainPatch,
	notice?: NoticeInsert,
): Promise<{ row: DomainRow | null; retired: string | null }> {
	const next = { ...row, ...patch };
	const update = db
		.prepare(
			`UPDATE domains SET status = ?, cf_hostname_id = ?, error = ?, activated_at = ?,
			 last_checked_at = ?, txt_missing_since = ?, checks_started_at = ?
			 WHERE id = ? AND user_id = ? AND status = ? AND (suspended = 0 OR ? IS NULL) RETURNING *`,
		)
		.bind(
			next.status,
			next.cf_hostname_id,
			next.error,
			next.activated_at,
			next.last_checked_at,
			next.txt_missing_since,
			next.checks_started_at,
			row.id,
			row.user_id,
			row.status,
			next.cf_hostname_id,
		);
	const replaces = "cf_hostname_id" in patch;
	if (!replaces && !notice) return { row: await update.first<DomainRow>(), retired: null };
	const now = next.last_checked_at ?? new Date().toISOString();
	const statements = [
		...(replaces ? [tombstoneStatement(db, row, next.cf_hostname_id, now)] : []),
		update,
		...(notice ? [noticeStatement(db, notice)] : []),
	];
	const results = await db.batch<Record<string, unknown>>(statements);
	const retired = replaces ? results[0]?.results[0]?.cf_hostname_id : undefined;
	const updated = results[replaces ? 1 : 0]?.results[0] as DomainRow | undefined;
	return { row: updated ?? null, retired: typeof retired === "string" ? retired : null };
}

/**
 * The TXT record of `row` checked out: makes it the hostname's proven claim ('verifying') unless
 * another claim already is, and fails every other unproven claim of the hostname with
 * `loserError`, in one transaction. Null when this claim did not win (another claim is proven, or
 * this one changed meanwhile).
 */
export async function proveClaim(
	db: D1Database,
	row: DomainRow,
	now: string,
	loserError: string,
): Promise<DomainRow | null> {
	try {
		const [won] = await db.batch<DomainRow>([
			db
				.prepare(
					`UPDATE domains SET status = 'verifying', error = NULL, last_checked_at = ?1,
					 checks_started_at = ?2, txt_missing_since = NULL
					 WHERE id = ?3 AND user_id = ?6 AND status = ?4
					   AND NOT EXISTS (SELECT 1 FROM domains WHERE hostname = ?5 AND status IN ${PROVEN})
					 RETURNING *`,
				)
				.bind(now, row.checks_started_at, row.id, row.status, row.hostname, row.user_id),
			db
				.prepare(
					`UPDATE domains SET status = 'failed', error = ?1, last_checked_at = ?2
					 WHERE hostname = ?3 AND id <> ?4 AND status IN ('pending', 'failed')
					   AND EXISTS (SELECT 1 FROM domains WHERE id = ?4 AND status = 'verifying')`,
				)
				.bind(loserError, now, row.hostname, row.id),
		]);
		return won?.results[0] ?? null;
	} catch (error) {
		if (isUniqueViolation(error, "domains.hostname")) return null;
		throw error;
	}
}

/**
 * Keeps the claim's custom hostname, whatever its status, as a tombstone (read from the stored
 * row, so a registration made since the caller read the row is not forgotten); batched with the
 * suspension or deletion that detaches it. Returns the id, to delete at Cloudflare.
 */
function claimTombstoneStatement(
	db: D1Database,
	id: string,
	userId: string,
	now: string,
): D1PreparedStatement {
	return db
		.prepare(
			`INSERT OR IGNORE INTO hostname_tombstones (cf_hostname_id, hostname, created_at)
			 SELECT cf_hostname_id, hostname, ?1 FROM domains
			 WHERE id = ?2 AND user_id = ?3 AND cf_hostname_id IS NOT NULL
			 RETURNING cf_hostname_id`,
		)
		.bind(now, id, userId);
}

/**
 * Suspends the claim (plan loss): its custom hostname, if it has one, becomes a tombstone in the
 * same batch that clears it from the row (read from the stored row, like `deleteDomainRow`).
 * Returns the retired id, to delete at Cloudflare.
 */
export async function suspendDomainRow(
	db: D1Database,
	userId: string,
	id: string,
	now: string,
): Promise<string | null> {
	const [tombstone] = await db.batch<{ cf_hostname_id: string }>([
		claimTombstoneStatement(db, id, userId, now),
		db
			.prepare(
				"UPDATE domains SET suspended = 1, cf_hostname_id = NULL WHERE id = ? AND user_id = ?",
			)
			.bind(id, userId),
	]);
	return tombstone?.results[0]?.cf_hostname_id ?? null;
}

/**
 * Lifts a suspension (re-upgrade). A proven claim goes back to 'verifying' with a new
 * verification window and `error`, to be registered with Cloudflare again; other claims keep
 * their status. Null when the claim is gone or no longer suspended.
 */
export async function resumeDomainRow(
	db: D1Database,
	userId: string,
	id: string,
	now: string,
	error: string,
): Promise<DomainRow | null> {
	return db
		.prepare(
			`UPDATE domains SET suspended = 0,
			 checks_started_at = CASE WHEN status IN ${PROVEN} THEN ?1 ELSE checks_started_at END,
			 error = CASE WHEN status IN ${PROVEN} THEN ?2 ELSE error END,
			 status = CASE WHEN status IN ${PROVEN} THEN 'verifying' ELSE status END
			 WHERE id = ?3 AND user_id = ?4 AND suspended = 1 RETURNING *`,
		)
		.bind(now, error, id, userId)
		.first<DomainRow>();
}

/**
 * Deletes the claim; its custom hostname, if it has one, becomes a tombstone in the same batch
 * (read from the stored row, so a registration made since `row` was read is not forgotten).
 */
export async function deleteDomainRow(
	db: D1Database,
	row: DomainRow,
	now: string,
): Promise<string | null> {
	const [tombstone] = await db.batch<{ cf_hostname_id: string }>([
		claimTombstoneStatement(db, row.id, row.user_id, now),
		db.prepare("DELETE FROM domains WHERE id = ? AND user_id = ?").bind(row.id, row.user_id),
	]);
	return tombstone?.results[0]?.cf_hostname_id ?? null;
}

/**
 * Deletes the account's expired claims that hold nothing at Cloudflare (those that do are left to
 * the cron, which releases the custom hostname first).
 */
export async function deleteExpiredClaims(
	db: D1Database,
	userId: string,
	cutoff: string,
): Promise<void> {
	await db
		.prepare(`DELETE FROM domains WHERE user_id = ?2 AND cf_hostname_id IS NULL AND ${EXPIRED}`)
		.bind(cutoff, userId)
		.run();
}

/** Expired claims of every account, for the cron to release. */
export async function listExpiredClaims(
	db: D1Database,
	cutoff: string,
	limit: number,
): Promise<DomainRow[]> {
	const { results } = await db
		.prepare(`SELECT * FROM domains WHERE ${EXPIRED} LIMIT ?2`)
		.bind(cutoff, limit)
		.all<DomainRow>();
	return results;
}

/**
 * Claims on their way to active (not suspended: those wait for a re-upgrade), least recently
 * checked first (never checked before all): a run
 * cut short by its budget is resumed by the next with the claims it did not reach.
 */
export async function listOpenClaims(db: D1Database, limit: number): Promise<DomainRow[]> {
	const { results } = await db
		.prepare(
			`SELECT * FROM domains WHERE status IN ('pending', 'verifying') AND suspended = 0
			 ORDER BY last_checked_at LIMIT ?`,
		)
		.bind(limit)
		.all<DomainRow>();
	return results;
}

/** Active domains (not suspended) not checked since `before`, least recently checked first. */
export async function listActiveDue(
	db: D1Database,
	before: string,
	limit: number,
): Promise<DomainRow[]> {
	const { results } = await db
		.prepare(
			`SELECT * FROM domains WHERE status = 'active' AND suspended = 0
			   AND (last_checked_at IS NULL OR last_checked_at < ?)
			 ORDER BY last_checked_at LIMIT ?`,
		)
		.bind(before, limit)
		.all<DomainRow>();
	return results;
}

// ── tombstones: custom hostnames to delete at Cloudflare ────────────────────────────────────

export interface TombstoneRow {
	cf_hostname_id: string;
	hostname: string;
	created_at: string;
	attempts: number;
	last_attempt_at: string | null;
	last_error: string | null;
}

/** Records a custom hostname to delete (one that no domain row names, e.g. a lost registration). */
export async function insertTombstone(
	db: D1Database,
	cfHostnameId: string,
	hostname: string,
	now: string,
): Promise<void> {
	await db
		.prepare(
			"INSERT OR IGNORE INTO hostname_tombstones (cf_hostname_id, hostname, created_at) VALUES (?, ?, ?)",
		)
		.bind(cfHostnameId, hostname, now)
		.run();
}

/** Tombstones to retry, least recently tried first (never tried before all). */
export async function listTombstones(db: D1Database, limit: number): Promise<TombstoneRow[]> {
	const { results } = await db
		.prepare("SELECT * FROM hostname_tombstones ORDER BY last_attempt_at LIMIT ?")
		.bind(limit)
		.all<TombstoneRow>();
	return results;
}

export async function deleteTombstone(db: D1Database, cfHostnameId: string): Promise<void> {
	await db
		.prepare("DELETE FROM hostname_tombstones WHERE cf_hostname_id = ?")
		.bind(cfHostnameId)
		.run();
}

export async function recordTombstoneAttempt(
	db: D1Database,
	cfHostnameId: string,
	now: string,
	error: string,
): Promise<void> {
	await db
		.prepare(
			`UPDATE hostname_tombstones SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?
			 WHERE cf_hostname_id = ?`,
		)
		.bind(now, error.slice(0, 500), cfHostnameId)
		.run();
}

// ── domain_notices: the outbox of domain mails ──────────────────────────────────────────────

export interface NoticeRow {
	id: string;
	user_id: string;
	template: "domain_active" | "domain_failed";
	hostname: string;
	reason: string | null;
	created_at: string;
	attempts: number;
	email: string;
	locale: Locale;
}

/**
 * The oldest unsent notices with their recipients, each counted as one more attempt; notices
 * tried `maxAttempts` times before are dropped (and returned as `dropped`, for the log).
 */
export async function takeDueNotices(
	db: D1Database,
	limit: number,
	maxAttempts: number,
): Promise<{ due: NoticeRow[]; dropped: { id: string; template: string }[] }> {
	const due = "SELECT id FROM domain_notices ORDER BY created_at, id LIMIT ?1";
	const [dropped, , listed] = await db.batch([
		db
			.prepare("DELETE FROM domain_notices WHERE attempts >= ? RETURNING id, template")
			.bind(maxAttempts),
		db
			.prepare(`UPDATE domain_notices SET attempts = attempts + 1 WHERE id IN (${due})`)
			.bind(limit),
		db
			.prepare(
				`SELECT * FROM (SELECT n.*, ${recipientColumns("n.user_id")} FROM domain_notices n
				 WHERE n.id IN (${due})) WHERE email IS NOT NULL ORDER BY created_at, id`,
			)
			.bind(limit),
	]);
	return {
		due: (listed?.results ?? []) as NoticeRow[],
		dropped: (dropped?.results ?? []) as { id: string; template: string }[],
	};
}

/** Notices the Mailer accepted. */
export async function deleteNotices(db: D1Database, ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	await db.batch(ids.map((id) => db.prepare("DELETE FROM domain_notices WHERE id = ?").bind(id)));
}
