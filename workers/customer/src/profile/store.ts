/**
 * Profiles in D1: one per user, created with the account — the only module with SQL on
 * `profiles`, `host_mappings` and `assets`. The handle names the account's subdomain on the
 * pages domain; `host_mappings` records which account may own the R2 host mapping of each handle
 * (see subdomain.ts), and `assets` the files a profile references (its avatar).
 */
import type { PatchProfileBody, Profile } from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import type { SqlCondition, SqlQuery } from "../lib/sql";
import { touchPagesStatement } from "../pages/store";

export interface ProfileRow {
	user_id: string;
	handle: string;
	display_name: string;
	bio: string;
	avatar_key: string | null;
	theme: string;
	socials: string;
	imprint: string;
	privacy_url: string;
	/** JSON of the structured Impressum (issue 18.5), or null. */
	legal: string | null;
	socials_placement: string;
	updated_at: string;
}

/** Public URL of the site root for a handle, e.g. http://anna.localhost:8788 */
export function siteUrl(handle: string, pagesDomain: string, template: string): string {
	return template.replace("{host}", `${handle}.${pagesDomain}`);
}

export function toProfile(row: ProfileRow, pagesDomain: string, urlTemplate: string): Profile {
	return {
		handle: row.handle,
		displayName: row.display_name,
		bio: row.bio,
		...(row.avatar_key
			? { avatarUrl: `${siteUrl(row.handle, pagesDomain, urlTemplate)}/_assets/${row.avatar_key}` }
			: {}),
		theme: row.theme as Profile["theme"],
		socials: JSON.parse(row.socials) as Profile["socials"],
		imprint: row.imprint,
		privacyUrl: row.privacy_url,
		socialsPlacement: row.socials_placement === "top" ? "top" : "bottom",
		...(row.legal ? { legal: JSON.parse(row.legal) as NonNullable<Profile["legal"]> } : {}),
	};
}

export async function findProfile(db: D1Database, userId: string): Promise<ProfileRow | null> {
	return db.prepare("SELECT * FROM profiles WHERE user_id = ?").bind(userId).first<ProfileRow>();
}

/** A profile with every handle its account recorded in `host_mappings` (the tenant's view). */
export interface ProfileWithHandles {
	profile: ProfileRow;
	/** Handles whose mapping the account may own: its current one and any left over. */
	recordedHandles: string[];
	/** The value of the caller's `customHost` query (the site's custom hostname), or null. */
	customHost: string | null;
}

/**
 * The profile and the account's recorded handles, in one statement; with `customHost` (the
 * domains store's query of the site's hostname) that value too, in the same statement.
 */
export async function findProfileWithHandles(
	db: D1Database,
	userId: string,
	customHost?: SqlQuery,
): Promise<ProfileWithHandles | null> {
	const row = await db
		.prepare(
			`SELECT p.*, (SELECT json_group_array(h.handle) FROM host_mappings h WHERE h.user_id = p.user_id)
			 AS recorded_handles, ${customHost ? customHost.sql : "NULL"} AS custom_host
			 FROM profiles p WHERE p.user_id = ?`,
		)
		.bind(...(customHost?.params ?? []), userId)
		.first<ProfileRow & { recorded_handles: string; custom_host: string | null }>();
	if (!row) return null;
	const { recorded_handles, custom_host, ...profile } = row;
	return {
		profile,
		recordedHandles: JSON.parse(recorded_handles) as string[],
		customHost: custom_host,
	};
}

/** The profile of a new account (batched with its user row). */
export function insertProfileStatement(
	db: D1Database,
	userId: string,
	handle: string,
	now: string,
): D1PreparedStatement {
	return db
		.prepare("INSERT INTO profiles (user_id, handle, updated_at) VALUES (?, ?, ?)")
		.bind(userId, handle, now);
}

/** The account's profile and assets, for its data export (in the export's batch). */
export function exportStatements(
	db: D1Database,
	userId: string,
): [D1PreparedStatement, D1PreparedStatement] {
	return [
		db.prepare("SELECT * FROM profiles WHERE user_id = ?").bind(userId),
		db
			.prepare("SELECT name, content_type, size, created_at FROM assets WHERE user_id = ?")
			.bind(userId),
	];
}

// The columns a profile patch may write, by the patch's field names.
const PATCH_COLUMNS = {
	handle: "handle",
	displayName: "display_name",
	bio: "bio",
	theme: "theme",
	socials: "socials",
	imprint: "imprint",
	privacyUrl: "privacy_url",
	socialsPlacement: "socials_placement",
	legal: "legal",
} as const satisfies Record<keyof PatchProfileBody, string>;

/**
 * Writes only the fields the patch sends. A handle in the patch is a compare-and-set on the
 * handle read before (`fromHandle`), so of two concurrent changes at most one wins; the winner's
 * new handle is recorded in `host_mappings` in the same batch (before any mapping is written).
 * Returns the updated row, or null when the profile is gone or its handle changed meanwhile; a
 * handle another account holds fails the batch with the unique violation on profiles.handle.
 * The account's pages are marked changed in the same batch, only when the update applied.
 */
export async function updateProfileRow(
	db: D1Database,
	userId: string,
	patch: PatchProfileBody,
	fromHandle: string,
): Promise<ProfileRow | null> {
	const now = nowIso();
	const sets: string[] = [];
	const values: (string | null)[] = [];
	for (const [field, column] of Object.entries(PATCH_COLUMNS) as [
		keyof PatchProfileBody,
		string,
	][]) {
		const value = patch[field];
		if (value === undefined) continue;
		sets.push(`${column} = ?`);
		// null (legal removed) is stored as NULL, objects and lists as JSON.
		values.push(value === null || typeof value === "string" ? value : JSON.stringify(value));
	}
	const casHandle = patch.handle !== undefined;
	const update = db
		.prepare(
			`UPDATE profiles SET ${[...sets, "updated_at = ?"].join(", ")}
			 WHERE user_id = ?${casHandle ? " AND handle = ?" : ""} RETURNING *`,
		)
		.bind(...values, now, userId, ...(casHandle ? [fromHandle] : []));
	// Every profile field shows on the pages: they change with it, in the same transaction.
	const touch = touchPagesStatement(db, userId, undefined, { onlyAfterChange: true });
	const moves = casHandle && patch.handle !== fromHandle;
	const [updated] = await db.batch([
		update,
		touch,
		...(moves
			? [
					db
						.prepare(
							`INSERT INTO host_mappings (handle, user_id, created_at)
							 SELECT handle, user_id, ? FROM profiles WHERE user_id = ? AND handle = ?
							 ON CONFLICT (handle) DO UPDATE SET user_id = excluded.user_id`,
						)
						.bind(now, userId, patch.handle),
				]
			: []),
	]);
	return (updated?.results[0] as ProfileRow | undefined) ?? null;
}

/**
 * Makes `name` the avatar if the profile still has the avatar `from` it was read with (a
 * compare-and-set: of two concurrent uploads only one wins), recording the asset in the same
 * transaction only when it did (and the account's pages marked changed). Returns the updated row,
 * or null when the avatar changed meanwhile (or the profile is gone).
 */
export async function replaceAvatarKey(
	db: D1Database,
	userId: string,
	from: string | null,
	name: string,
	asset: { contentType: string; size: number },
): Promise<ProfileRow | null> {
	const now = nowIso();
	const [updated] = await db.batch<ProfileRow>([
		db
			.prepare(
				"UPDATE profiles SET avatar_key = ?, updated_at = ? WHERE user_id = ? AND avatar_key IS ? RETURNING *",
			)
			.bind(name, now, userId, from),
		// The avatar shows on the pages: they change with it.
		touchPagesStatement(db, userId, undefined, { onlyAfterChange: true }),
		db
			.prepare(
				`INSERT OR IGNORE INTO assets (user_id, name, content_type, size, created_at)
				 SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM profiles WHERE user_id = ?1 AND avatar_key = ?2)`,
			)
			.bind(userId, name, asset.contentType, asset.size, now),
	]);
	return updated?.results[0] ?? null;
}

/** Removes the avatar `from` if it is still the profile's avatar; false when it changed meanwhile. */
export async function clearAvatarKey(
	db: D1Database,
	userId: string,
	from: string,
): Promise<boolean> {
	const [cleared] = await db.batch([
		db
			.prepare(
				"UPDATE profiles SET avatar_key = NULL, updated_at = ? WHERE user_id = ? AND avatar_key = ? RETURNING user_id",
			)
			.bind(nowIso(), userId, from),
		touchPagesStatement(db, userId, undefined, { onlyAfterChange: true }),
	]);
	return (cleared?.results.length ?? 0) > 0;
}

/**
 * Forgets an asset the profile no longer names, in one transaction with the check. Returns true
 * when its object may go; false when the profile names it (again), e.g. after a concurrent upload
 * of the same bytes, whose object must stay.
 */
export async function forgetAsset(
	db: D1Database,
	userId: string,
	name: string,
	namedElsewhere: SqlCondition[] = [],
): Promise<boolean> {
	// Issue 18: link thumbnails and page backgrounds name assets too (the same bytes may be the
	// avatar and a thumbnail: one content-hash name); their stores give those conditions.
	const named: SqlCondition = {
		sql: [
			"EXISTS (SELECT 1 FROM profiles WHERE user_id = ? AND avatar_key = ?)",
			...namedElsewhere.map((c) => `(${c.sql})`),
		].join(" OR "),
		params: [userId, name, ...namedElsewhere.flatMap((c) => c.params)],
	};
	const [, still] = await db.batch<{ named: number }>([
		db
			.prepare(`DELETE FROM assets WHERE user_id = ? AND name = ? AND NOT (${named.sql})`)
			.bind(userId, name, ...named.params),
		db.prepare(`SELECT (${named.sql}) AS named`).bind(...named.params),
	]);
	return still?.results[0]?.named !== 1;
}

/**
 * Records an uploaded asset (issue 18: thumbnails, backgrounds) in the batch that makes a row name
 * it, only if `namedBy` holds after that write, as `replaceAvatarKey` does for the avatar.
 */
export function recordAssetStatement(
	db: D1Database,
	userId: string,
	asset: { name: string; contentType: string; size: number },
	namedBy: SqlCondition,
): D1PreparedStatement {
	return db
		.prepare(
			`INSERT OR IGNORE INTO assets (user_id, name, content_type, size, created_at)
			 SELECT ?, ?, ?, ?, ? WHERE ${namedBy.sql}`,
		)
		.bind(userId, asset.name, asset.contentType, asset.size, nowIso(), ...namedBy.params);
}

/**
 * The account that holds `handle` now, recorded in `host_mappings` as the owner of its mapping —
 * one statement, so the record exists before the mapping is written. Null: no account has it.
 */
export async function recordHandleOwner(db: D1Database, handle: string): Promise<string | null> {
	const row = await db
		.prepare(
			`INSERT INTO host_mappings (handle, user_id, created_at)
			 SELECT handle, user_id, ? FROM profiles WHERE handle = ?
			 ON CONFLICT (handle) DO UPDATE SET user_id = excluded.user_id
			 RETURNING user_id`,
		)
		.bind(nowIso(), handle)
		.first<{ user_id: string }>();
	return row?.user_id ?? null;
}

/** The account that holds `handle` now, or null. */
export async function handleOwner(db: D1Database, handle: string): Promise<string | null> {
	const row = await db
		.prepare("SELECT user_id FROM profiles WHERE handle = ?")
		.bind(handle)
		.first<{ user_id: string }>();
	return row?.user_id ?? null;
}

/** Drops the record of a handle no account holds (its mapping is gone). */
export async function forgetFreeHandle(db: D1Database, handle: string): Promise<void> {
	await db
		.prepare(
			`DELETE FROM host_mappings WHERE handle = ?
			 AND NOT EXISTS (SELECT 1 FROM profiles WHERE handle = ?)`,
		)
		.bind(handle, handle)
		.run();
}

/** Every handle whose mapping the account may own in R2: its current one and any left over. */
export async function recordedHandles(db: D1Database, userId: string): Promise<string[]> {
	const { results } = await db
		.prepare("SELECT handle FROM host_mappings WHERE user_id = ?")
		.bind(userId)
		.all<{ handle: string }>();
	return results.map((r) => r.handle);
}
