/**
 * Links of a page, ordered by position — the only module with SQL on `links`. Every query is
 * scoped by user id and page id together. A change to a link marks its page as changed since
 * its last publish in the same batch (pages/store.ts builds that statement).
 * Issue 18: an item is a link or a section header (`kind`, a header's `url` is stored as ''),
 * at most one item of a page is highlighted (highlighting one clears the others in the same
 * batch), and `starts_at`/`ends_at` bound when it is on the published page (UTC ISO strings).
 */
import {
	type CreateLinkBody,
	fail,
	type Link,
	ok,
	type PatchLinkBody,
	type Result,
} from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { newId } from "../lib/ids";
import type { SqlCondition, SqlQuery } from "../lib/sql";
import { findPage, touchPagesStatement } from "../pages/store";
import { recordAssetStatement } from "../profile/store";

export interface LinkRow {
	id: string;
	page_id: string;
	user_id: string;
	title: string;
	url: string;
	enabled: number;
	position: number;
	/** Issue 18: the link's thumbnail (an asset name), if any. */
	thumbnail_key: string | null;
	kind: "link" | "header";
	highlight: number;
	starts_at: string | null;
	ends_at: string | null;
	created_at: string;
	updated_at: string;
}

export function toLink(row: LinkRow): Link {
	return {
		id: row.id,
		kind: row.kind,
		title: row.title,
		...(row.kind === "header" ? {} : { url: row.url }),
		enabled: row.enabled === 1,
		position: row.position,
		...(row.thumbnail_key ? { thumbnailUrl: `/_assets/${row.thumbnail_key}` } : {}),
		highlight: row.highlight === 1,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
	};
}

/** A schedule boundary as stored: UTC `toISOString`, so SQL compares boundaries as strings. */
function boundary(value: string | null | undefined): string | null {
	return value ? new Date(value).toISOString() : null;
}

/**
 * Clears the highlight of the page's other items once `linkId` is highlighted (one highlighted
 * item per page: highlighting another moves it). Runs after the write in the same batch.
 */
function moveHighlightStatement(
	db: D1Database,
	userId: string,
	pageId: string,
	linkId: string,
): D1PreparedStatement {
	return db
		.prepare(
			`UPDATE links SET highlight = 0, updated_at = ?
			 WHERE page_id = ? AND user_id = ? AND id <> ? AND highlight = 1
			   AND EXISTS (SELECT 1 FROM links h WHERE h.id = ? AND h.page_id = ? AND h.highlight = 1)`,
		)
		.bind(nowIso(), pageId, userId, linkId, linkId, pageId);
}

export async function listLinks(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<LinkRow[]> {
	const { results } = await db
		.prepare("SELECT * FROM links WHERE page_id = ? AND user_id = ? ORDER BY position, id")
		.bind(pageId, userId)
		.all<LinkRow>();
	return results;
}

const NO_PAGE = () => fail("not_found", "No such page.");
const NO_LINK = () => fail("not_found", "No such link.");

/** Appends a link unless the page already has `maxLinks` (checked atomically in SQL). */
export async function createLink(
	db: D1Database,
	userId: string,
	pageId: string,
	input: CreateLinkBody,
	limit: { max: number; plan: string },
): Promise<Result<LinkRow>> {
	const maxLinks = limit.max;
	if (!(await findPage(db, userId, pageId))) return NO_PAGE();
	const now = nowIso();
	const id = newId("ln");
	const kind = input.kind ?? "link";
	const insert = db
		.prepare(
			`INSERT INTO links (id, page_id, user_id, title, url, enabled, position, kind, highlight, starts_at, ends_at, created_at, updated_at)
			 SELECT ?, ?, ?, ?, ?, ?, COALESCE((SELECT MAX(position) + 1 FROM links WHERE page_id = ?), 0), ?, ?, ?, ?, ?, ?
			 WHERE (SELECT COUNT(*) FROM links WHERE page_id = ?) < ?
			 RETURNING *`,
		)
		.bind(
			id,
			pageId,
			userId,
			input.title,
			kind === "header" ? "" : (input.url ?? ""),
			input.enabled === false ? 0 : 1,
			pageId,
			kind,
			input.highlight === true ? 1 : 0,
			boundary(input.startsAt),
			boundary(input.endsAt),
			now,
			now,
			pageId,
			maxLinks,
		);
	// The page is marked changed only when the link was added (the insert returned a row).
	const [inserted] = await db.batch<LinkRow>([
		insert,
		// `changes()` is the insert's only while the touch directly follows it.
		touchPagesStatement(db, userId, pageId, { onlyAfterChange: true }),
		...(input.highlight === true ? [moveHighlightStatement(db, userId, pageId, id)] : []),
	]);
	const row = inserted?.results[0];
	if (!row) {
		return fail("plan_limit_reached", `Your plan allows ${maxLinks} links per page.`, {
			limit: { name: "maxLinksPerPage", max: maxLinks, plan: limit.plan },
		});
	}
	return ok(row);
}

/** An item an import adds (issue 21), already checked by `createLinkBody`. */
export interface ImportedItemFields {
	kind: "link" | "header";
	title: string;
	url?: string;
	enabled: boolean;
	highlight: boolean;
	startsAt: string | null;
	endsAt: string | null;
}

/**
 * Appends an imported item to a page created earlier in the same batch, while `pageExists` holds
 * (the pages store's condition: the page was inserted) and the page has fewer than `maxLinks`
 * items (the count sees the batch's earlier inserts). RETURNING the id, so an empty result means
 * the plan's limit cut it off.
 */
export function insertImportedItemStatement(
	db: D1Database,
	userId: string,
	pageId: string,
	item: ImportedItemFields,
	maxLinks: number,
	pageExists: SqlCondition,
): D1PreparedStatement {
	const now = nowIso();
	return db
		.prepare(
			`INSERT INTO links (id, page_id, user_id, title, url, enabled, position, kind, highlight, starts_at, ends_at, created_at, updated_at)
			 SELECT ?, ?, ?, ?, ?, ?, COALESCE((SELECT MAX(position) + 1 FROM links WHERE page_id = ?), 0), ?, ?, ?, ?, ?, ?
			 WHERE ${pageExists.sql}
			   AND (SELECT COUNT(*) FROM links WHERE page_id = ?) < ?
			 RETURNING id`,
		)
		.bind(
			newId("ln"),
			pageId,
			userId,
			item.title,
			item.kind === "header" ? "" : (item.url ?? ""),
			item.enabled ? 1 : 0,
			pageId,
			item.kind,
			item.highlight && item.kind === "link" ? 1 : 0,
			boundary(item.startsAt),
			boundary(item.endsAt),
			now,
			now,
			...pageExists.params,
			pageId,
			maxLinks,
		);
}

/**
 * Writes only the fields the patch sends, in one statement, so a concurrent patch of other fields
 * of the same link is never overwritten with what was read before it. The rules that involve the
 * stored item — a header takes no URL or highlight, a window ends after it starts — are
 * conditions of that statement; only when it changed nothing is the item read to say why.
 */
export async function updateLink(
	db: D1Database,
	userId: string,
	pageId: string,
	linkId: string,
	patch: PatchLinkBody,
): Promise<Result<LinkRow>> {
	const sets: string[] = [];
	const values: (string | number | null)[] = [];
	const set = (column: string, value: string | number | null) => {
		sets.push(`${column} = ?`);
		values.push(value);
	};
	if (patch.title !== undefined) set("title", patch.title);
	if (patch.url !== undefined) set("url", patch.url);
	if (patch.enabled !== undefined) set("enabled", patch.enabled ? 1 : 0);
	if (patch.highlight !== undefined) set("highlight", patch.highlight ? 1 : 0);
	// The window after the patch, as SQL expressions over the stored row: a sent field replaces it.
	const starts = patch.startsAt !== undefined ? "?" : "starts_at";
	const ends = patch.endsAt !== undefined ? "?" : "ends_at";
	const windowValues = [
		...(patch.endsAt !== undefined ? [boundary(patch.endsAt)] : []),
		...(patch.startsAt !== undefined ? [boundary(patch.startsAt)] : []),
	];
	if (patch.startsAt !== undefined) set("starts_at", boundary(patch.startsAt));
	if (patch.endsAt !== undefined) set("ends_at", boundary(patch.endsAt));
	const linkOnly = patch.url !== undefined || patch.highlight === true;
	const [updated] = await db.batch<LinkRow>([
		db
			.prepare(
				`UPDATE links SET ${[...sets, "updated_at = ?"].join(", ")}
				 WHERE id = ? AND page_id = ? AND user_id = ?
				   AND (${ends} IS NULL OR ${starts} IS NULL OR ${ends} > ${starts})
				   ${linkOnly ? "AND kind = 'link'" : ""}
				 RETURNING *`,
			)
			.bind(...values, nowIso(), linkId, pageId, userId, ...windowValues, ...windowValues),
		touchPagesStatement(db, userId, pageId, { onlyAfterChange: true }),
		...(patch.highlight === true ? [moveHighlightStatement(db, userId, pageId, linkId)] : []),
	]);
	const row = updated?.results[0];
	if (row) return ok(row);
	const stored = await findLink(db, userId, pageId, linkId);
	if (!stored) return NO_LINK();
	if (linkOnly && stored.kind === "header") {
		const field = patch.url !== undefined ? "url" : "highlight";
		return fail("validation_failed", "A section header has no URL and cannot be highlighted.", {
			fields: {
				[field]: patch.url !== undefined ? "a header has no URL" : "a header cannot be highlighted",
			},
		});
	}
	return fail("validation_failed", "The end of the schedule must be after its start.", {
		fields: { endsAt: "must be after startsAt" },
	});
}

export async function deleteLink(
	db: D1Database,
	userId: string,
	pageId: string,
	linkId: string,
): Promise<Result<null>> {
	const [deleted] = await db.batch([
		db
			.prepare("DELETE FROM links WHERE id = ? AND page_id = ? AND user_id = ? RETURNING id")
			.bind(linkId, pageId, userId),
		touchPagesStatement(db, userId, pageId, { onlyAfterChange: true }),
	]);
	if (!deleted?.results[0]) return NO_LINK();
	return ok(null);
}

/** Sets the order; `ids` must name exactly the page's links, each once. */
export async function reorderLinks(
	db: D1Database,
	userId: string,
	pageId: string,
	ids: string[],
): Promise<Result<LinkRow[]>> {
	if (!(await findPage(db, userId, pageId))) return NO_PAGE();
	const current = await listLinks(db, userId, pageId);
	const known = new Set(current.map((l) => l.id));
	const given = new Set(ids);
	if (given.size !== ids.length || given.size !== known.size || ids.some((id) => !known.has(id))) {
		return fail(
			"validation_failed",
			"The list must contain each of the page's links exactly once.",
			{
				fields: { ids: "must contain each of the page's links exactly once" },
			},
		);
	}
	const now = nowIso();
	await db.batch([
		...ids.map((id, position) =>
			db
				.prepare(
					"UPDATE links SET position = ?, updated_at = ? WHERE id = ? AND page_id = ? AND user_id = ?",
				)
				.bind(position, now, id, pageId, userId),
		),
		touchPagesStatement(db, userId, pageId),
	]);
	return ok(await listLinks(db, userId, pageId));
}

/** The page's enabled links (a disabled link is not on the page), as a statement for a batch. */
export function enabledLinksStatement(
	db: D1Database,
	userId: string,
	pageId: string,
): D1PreparedStatement {
	return db
		.prepare("SELECT COUNT(*) AS n FROM links WHERE page_id = ? AND user_id = ? AND enabled = 1")
		.bind(pageId, userId);
}

/** Holds while the page has at most `max` enabled links (checked inside the publish switch). */
export function enabledLinksAtMost(pageId: string, max: number): SqlCondition {
	return {
		sql: "(SELECT COUNT(*) FROM links l WHERE l.page_id = ? AND l.enabled = 1) <= ?",
		params: [pageId, max],
	};
}

/** Enabled links per page of an account (pages without any are absent). */
export async function enabledLinkCounts(
	db: D1Database,
	userId: string,
): Promise<Map<string, number>> {
	const { results } = await db
		.prepare(
			"SELECT page_id, COUNT(*) AS n FROM links WHERE user_id = ? AND enabled = 1 GROUP BY page_id",
		)
		.bind(userId)
		.all<{ page_id: string; n: number }>();
	return new Map(results.map((r) => [r.page_id, r.n]));
}

/** The account's links, for its data export (in the export's batch). */
export function exportStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db
		.prepare("SELECT * FROM links WHERE user_id = ? ORDER BY page_id, position")
		.bind(userId);
}

/** Every link of the account with its title (statistics name clicked links by it). */
export function linkTitlesStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db.prepare("SELECT id, title FROM links WHERE user_id = ?").bind(userId);
}

// ── thumbnails (issue 18) ─────────────────────────────────────────────────────────────────────

/** One link of one page of the account, or null. */
export async function findLink(
	db: D1Database,
	userId: string,
	pageId: string,
	linkId: string,
): Promise<LinkRow | null> {
	return db
		.prepare("SELECT * FROM links WHERE id = ? AND page_id = ? AND user_id = ?")
		.bind(linkId, pageId, userId)
		.first<LinkRow>();
}

/**
 * Sets the link's thumbnail to `name` (null removes it) if it still is `from` — a compare-and-set,
 * so of two concurrent changes one wins — and, in the same transaction, marks the page changed
 * and records the new asset (only when the link names it). Null: changed meanwhile, or gone.
 */
export async function replaceThumbnailKey(
	db: D1Database,
	userId: string,
	pageId: string,
	linkId: string,
	from: string | null,
	to: { name: string; contentType: string; size: number } | null,
): Promise<LinkRow | null> {
	const [updated] = await db.batch<LinkRow>([
		db
			.prepare(
				`UPDATE links SET thumbnail_key = ?, updated_at = ?
				 WHERE id = ? AND page_id = ? AND user_id = ? AND thumbnail_key IS ? RETURNING *`,
			)
			.bind(to?.name ?? null, nowIso(), linkId, pageId, userId, from),
		touchPagesStatement(db, userId, pageId, { onlyAfterChange: true }),
		...(to
			? [
					recordAssetStatement(db, userId, to, {
						sql: "EXISTS (SELECT 1 FROM links WHERE id = ? AND user_id = ? AND thumbnail_key = ?)",
						params: [linkId, userId, to.name],
					}),
				]
			: []),
	]);
	return updated?.results[0] ?? null;
}

/** True while some link of the account shows the asset `name` (it must not be deleted). */
export function thumbnailNames(userId: string, name: string): SqlCondition {
	return {
		sql: "EXISTS (SELECT 1 FROM links WHERE user_id = ? AND thumbnail_key = ?)",
		params: [userId, name],
	};
}

/**
 * The asset names of every thumbnail of the account (for the site manifest), as a SELECT of one
 * `name` column that the pages store unites with the backgrounds (`listImageKeys`): one statement.
 */
export function thumbnailKeysQuery(userId: string): SqlQuery {
	return {
		sql: "SELECT thumbnail_key AS name FROM links WHERE user_id = ? AND thumbnail_key IS NOT NULL",
		params: [userId],
	};
}
