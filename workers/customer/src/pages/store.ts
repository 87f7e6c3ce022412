/**
 * Pages and their published versions in D1 — the only module with SQL on `pages` and
 * `page_versions`. Every query is scoped by the user id Core passes in; a page id of another
 * account is indistinguishable from one that does not exist. The publish switch checks the plan
 * and the page's links in the same statement; those conditions come from their own stores
 * (users/store.ts, links/store.ts) as `SqlCondition`s.
 */
import {
	type CreatePageBody,
	fail,
	ok,
	type Page,
	type PageVersion,
	type PatchPageBody,
	parseStoredDesign,
	type Result,
	THEME_DESIGNS,
	type Theme,
	toHandleCandidate,
} from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { newId } from "../lib/ids";
import { isUniqueViolation, type SqlCondition, type SqlQuery } from "../lib/sql";

export interface PageRow {
	id: string;
	user_id: string;
	slug: string;
	title: string;
	description: string;
	theme: string;
	is_home: number;
	status: "draft" | "published";
	published_version: number | null;
	revision: number;
	published_revision: number | null;
	/** Issue 18: the page's own design as JSON; null = its theme's preset. */
	design: string | null;
	/** Issue 18: the uploaded background image (an asset name), if any. */
	background_key: string | null;
	created_at: string;
	updated_at: string;
}

/** The design a page renders with: its own, else its theme's preset (issue 18). */
export function pageDesign(row: PageRow): Page["design"] {
	const preset = THEME_DESIGNS[row.theme as Theme] ?? THEME_DESIGNS.light;
	return {
		...(parseStoredDesign(row.design) ?? preset),
		backgroundImage: row.background_key !== null,
	};
}

/** Where a site's pages are served: base URL of the account's subdomain. */
export interface SiteLocation {
	baseUrl: string;
}

export function toPage(row: PageRow, site: SiteLocation): Page {
	const published = row.status === "published";
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		description: row.description,
		theme: row.theme as Page["theme"],
		design: pageDesign(row),
		status: row.status,
		isHome: row.is_home === 1,
		hasUnpublishedChanges: !published || row.revision !== row.published_revision,
		...(published && row.published_version !== null
			? {
					publishedVersion: row.published_version,
					publishedUrl: `${site.baseUrl}/${row.is_home === 1 ? "" : row.slug}`,
				}
			: {}),
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

export async function listPages(db: D1Database, userId: string): Promise<PageRow[]> {
	const { results } = await db
		.prepare("SELECT * FROM pages WHERE user_id = ? ORDER BY created_at, id")
		.bind(userId)
		.all<PageRow>();
	return results;
}

export async function findPage(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<PageRow | null> {
	return db
		.prepare("SELECT * FROM pages WHERE id = ? AND user_id = ?")
		.bind(pageId, userId)
		.first<PageRow>();
}

const SLUG_TAKEN = () =>
	fail("slug_taken", "You already have a page with this address.", {
		fields: { slug: "is already used by another of your pages" },
	});

/**
 * Creates a page unless the account already has `maxPages` (checked in the same statement, so two
 * concurrent requests cannot both pass). The first page becomes the home page.
 */
export async function createPage(
	db: D1Database,
	userId: string,
	input: CreatePageBody,
	limit: { max: number; plan: string },
): Promise<Result<PageRow>> {
	const maxPages = limit.max;
	const id = newId("pg");
	const now = nowIso();
	const explicit = input.slug !== undefined;
	let slug = input.slug ?? toHandleCandidate(input.title);
	for (let attempt = 0; attempt < 5; attempt++) {
		try {
			const row = await db
				.prepare(
					`INSERT INTO pages (id, user_id, slug, title, is_home, created_at, updated_at)
					 SELECT ?, ?, ?, ?, NOT EXISTS (SELECT 1 FROM pages WHERE user_id = ?), ?, ?
					 WHERE (SELECT COUNT(*) FROM pages WHERE user_id = ?) < ?
					 RETURNING *`,
				)
				.bind(id, userId, slug, input.title, userId, now, now, userId, maxPages)
				.first<PageRow>();
			if (!row) {
				return fail("plan_limit_reached", `Your plan allows ${maxPages} page(s).`, {
					limit: { name: "maxPages", max: maxPages, plan: limit.plan },
				});
			}
			return ok(row);
		} catch (error) {
			if (!isUniqueViolation(error, "pages.user_id, pages.slug")) throw error;
			if (explicit) return SLUG_TAKEN();
			slug = `${slug.slice(0, 24)}-${Math.random().toString(36).slice(2, 6)}`;
		}
	}
	return SLUG_TAKEN();
}

/** A page an import creates (issue 21): its fields, already checked by the contract's schemas. */
export interface ImportedPageFields {
	id: string;
	slug: string;
	title: string;
	description: string;
	theme?: Theme;
	/** JSON of the design (without backgroundImage), or undefined for the theme's preset. */
	designJson?: string;
}

/**
 * Inserts an imported draft page unless the account already has `maxPages`, as a statement for
 * the import's batch (the page's items follow it in the same batch). RETURNING the row, so an
 * empty result means the plan's limit was reached; a taken slug fails the batch (unique index).
 */
export function insertImportedPageStatement(
	db: D1Database,
	userId: string,
	page: ImportedPageFields,
	maxPages: number,
): D1PreparedStatement {
	const now = nowIso();
	return db
		.prepare(
			`INSERT INTO pages (id, user_id, slug, title, description, theme, design, is_home, created_at, updated_at)
			 SELECT ?, ?, ?, ?, ?, ?, ?, NOT EXISTS (SELECT 1 FROM pages WHERE user_id = ?), ?, ?
			 WHERE (SELECT COUNT(*) FROM pages WHERE user_id = ?) < ?
			 RETURNING *`,
		)
		.bind(
			page.id,
			userId,
			page.slug,
			page.title,
			page.description,
			page.theme ?? "light",
			page.designJson ?? null,
			userId,
			now,
			now,
			userId,
			maxPages,
		);
}

/** "The account's page `pageId` exists", for a statement of another store (an import's items). */
export function pageExistsCondition(userId: string, pageId: string): SqlCondition {
	return {
		sql: "EXISTS (SELECT 1 FROM pages WHERE id = ? AND user_id = ?)",
		params: [pageId, userId],
	};
}

// The columns a page patch may write, by the patch's field names (design: see patchValues).
const PATCH_COLUMNS = {
	slug: "slug",
	title: "title",
	description: "description",
	theme: "theme",
} as const satisfies Record<Exclude<keyof PatchPageBody, "design" | "isHome">, string>;

/**
 * Column → value of a patch. The design is stored as JSON without `backgroundImage` (only the
 * background routes change that); a theme sent without a design resets the design to that
 * theme's preset (NULL), so picking a preset swatch always shows exactly the preset.
 */
function patchValues(patch: PatchPageBody): [string, string | null][] {
	const values: [string, string | null][] = [];
	for (const [field, column] of Object.entries(PATCH_COLUMNS) as [
		keyof typeof PATCH_COLUMNS,
		string,
	][]) {
		const value = patch[field];
		if (value !== undefined) values.push([column, value]);
	}
	if (patch.design) {
		const { backgroundImage: _readOnly, ...design } = patch.design;
		values.push(["design", JSON.stringify(design)]);
	} else if (patch.theme !== undefined) {
		values.push(["design", null]);
	}
	return values;
}

/**
 * Applies a partial update: only the fields the patch sends are written, in one statement, so a
 * concurrent patch of other fields is never overwritten with what was read before it. Every field
 * changes the rendered page, so a write bumps the revision; a patch that changes nothing is not
 * written at all (the page keeps its "published, no changes" state).
 */
export async function updatePage(
	db: D1Database,
	userId: string,
	pageId: string,
	patch: PatchPageBody,
): Promise<Result<PageRow>> {
	const sets: string[] = [];
	const differs: string[] = [];
	const values: (string | null)[] = [];
	for (const [column, value] of patchValues(patch)) {
		sets.push(`${column} = ?`);
		differs.push(`${column} IS NOT ?`);
		values.push(value);
	}
	if (sets.length > 0) {
		try {
			const row = await db
				.prepare(
					`UPDATE pages SET ${sets.join(", ")}, revision = revision + 1, updated_at = ?
					 WHERE id = ? AND user_id = ? AND (${differs.join(" OR ")}) RETURNING *`,
				)
				.bind(...values, nowIso(), pageId, userId, ...values)
				.first<PageRow>();
			if (row) return ok(row);
		} catch (error) {
			if (isUniqueViolation(error, "pages.user_id, pages.slug")) return SLUG_TAKEN();
			throw error;
		}
	}
	// Nothing written: the page is gone, or the patch changes nothing.
	const current = await findPage(db, userId, pageId);
	return current ? ok(current) : fail("not_found", "No such page.");
}

/** Marks pages as changed since their last publish (e.g. after a profile edit). */
export async function touchPages(db: D1Database, userId: string, pageId?: string): Promise<void> {
	await touchPagesStatement(db, userId, pageId).run();
}

/**
 * The statement that marks one page (or all of the account's) as changed since its last publish,
 * for a batch; with `onlyAfterChange`, only if the statement before it in the batch changed a row
 * (a link added, edited or deleted).
 */
export function touchPagesStatement(
	db: D1Database,
	userId: string,
	pageId?: string,
	options: { onlyAfterChange?: boolean } = {},
): D1PreparedStatement {
	const after = options.onlyAfterChange ? " AND changes() > 0" : "";
	if (pageId) {
		return db
			.prepare(
				`UPDATE pages SET revision = revision + 1, updated_at = ? WHERE id = ? AND user_id = ?${after}`,
			)
			.bind(nowIso(), pageId, userId);
	}
	return db
		.prepare(`UPDATE pages SET revision = revision + 1 WHERE user_id = ?${after}`)
		.bind(userId);
}

/**
 * Makes a page the account's home page (issue 19), in one batch: the previous home page gives it
 * up only when the chosen page exists, so the account never ends without one. Both pages change
 * their address, which their published HTML names (canonical URL): both count as changed since
 * their last publish. Answers whether the home page moved (false: no such page, or already home).
 */
export async function makeHomePage(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<{ found: boolean; moved: boolean }> {
	const now = nowIso();
	const [, chosen] = await db.batch<{ id: string }>([
		db
			.prepare(
				`UPDATE pages SET is_home = 0, revision = revision + 1, updated_at = ?3
				 WHERE user_id = ?1 AND is_home = 1 AND id != ?2
				   AND EXISTS (SELECT 1 FROM pages WHERE id = ?2 AND user_id = ?1)`,
			)
			.bind(userId, pageId, now),
		db
			.prepare(
				`UPDATE pages SET is_home = 1, revision = revision + 1, updated_at = ?3
				 WHERE id = ?2 AND user_id = ?1 AND is_home = 0 RETURNING id`,
			)
			.bind(userId, pageId, now),
	]);
	if ((chosen?.results.length ?? 0) > 0) return { found: true, moved: true };
	return { found: (await findPage(db, userId, pageId)) !== null, moved: false };
}

/**
 * Deletes a page (links and versions cascade); when it was the home page, the oldest remaining
 * page becomes home in the same transaction, so a failure in between never leaves a site without
 * one. The promotion runs only while the account has no home page, which is exactly the case
 * after deleting the home page.
 */
export async function deletePageRow(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<PageRow | null> {
	const [deleted] = await db.batch<PageRow>([
		db.prepare("DELETE FROM pages WHERE id = ? AND user_id = ? RETURNING *").bind(pageId, userId),
		db
			.prepare(
				`UPDATE pages SET is_home = 1, revision = revision + 1
				 WHERE id = (SELECT id FROM pages WHERE user_id = ?1 ORDER BY created_at, id LIMIT 1)
				   AND user_id = ?1
				   AND NOT EXISTS (SELECT 1 FROM pages WHERE user_id = ?1 AND is_home = 1)`,
			)
			.bind(userId),
	]);
	return deleted?.results[0] ?? null;
}

export async function listVersions(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<(PageVersion & { key: string })[]> {
	const { results } = await db
		.prepare(
			"SELECT version, published_at, r2_key FROM page_versions WHERE page_id = ? AND user_id = ? ORDER BY version DESC",
		)
		.bind(pageId, userId)
		.all<{ version: number; published_at: string; r2_key: string }>();
	return results.map((r) => ({ version: r.version, publishedAt: r.published_at, key: r.r2_key }));
}

/** A page as a publish needs it: its row, the account's other live pages and its stored versions. */
export interface PublishablePage {
	row: PageRow;
	/** Published pages of the account other than this one (the plan's page limit). */
	otherLivePages: number;
	/** Versions stored for the page (before this publish), to know whether any must be pruned. */
	storedVersions: number;
}

export async function findPublishablePage(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<PublishablePage | null> {
	const row = await db
		.prepare(
			`SELECT p.*,
			 (SELECT COUNT(*) FROM pages o WHERE o.user_id = p.user_id AND o.status = 'published' AND o.id <> p.id) AS other_live_pages,
			 (SELECT COUNT(*) FROM page_versions v WHERE v.page_id = p.id AND v.user_id = p.user_id) AS stored_versions
			 FROM pages p WHERE p.id = ? AND p.user_id = ?`,
		)
		.bind(pageId, userId)
		.first<PageRow & { other_live_pages: number; stored_versions: number }>();
	if (!row) return null;
	const { other_live_pages, stored_versions, ...page } = row;
	return { row: page, otherLivePages: other_live_pages, storedVersions: stored_versions };
}

/** The account's published pages other than `pageId`, as a statement for a batch. */
export function otherLivePagesStatement(
	db: D1Database,
	userId: string,
	pageId: string,
): D1PreparedStatement {
	return db
		.prepare(
			"SELECT COUNT(*) AS n FROM pages WHERE user_id = ? AND status = 'published' AND id <> ?",
		)
		.bind(userId, pageId);
}

/** What the switch must still find true when it runs (the plan's limits, as checked). */
export interface SwitchConditions {
	/** The plan has not changed since it was checked (users/store.ts `planRevisionIs`). */
	planUnchanged: SqlCondition;
	/** Live pages other than this one stay below this. */
	maxPages: number;
	/** The page's enabled links still fit (links/store.ts `enabledLinksAtMost`); null: not checked. */
	linksFit: SqlCondition | null;
}

/**
 * Makes `version` the page's published version in one conditional UPDATE that repeats the plan
 * check (billing/limits.ts); null when a condition no longer holds or the page is gone.
 */
export async function switchPublishedVersion(
	db: D1Database,
	userId: string,
	pageId: string,
	target: { version: number; publishedRevision: number | null },
	conditions: SwitchConditions,
): Promise<PageRow | null> {
	const links = conditions.linksFit ?? { sql: "1", params: [] };
	return db
		.prepare(
			`UPDATE pages SET status = 'published', published_version = ?, published_revision = ?,
			 suspended_version = NULL
			 WHERE id = ? AND user_id = ?
			 AND ${conditions.planUnchanged.sql}
			 AND (SELECT COUNT(*) FROM pages o WHERE o.user_id = ? AND o.status = 'published' AND o.id <> ?) < ?
			 AND ${links.sql}
			 RETURNING *`,
		)
		.bind(
			target.version,
			target.publishedRevision,
			pageId,
			userId,
			...conditions.planUnchanged.params,
			userId,
			pageId,
			conditions.maxPages,
			...links.params,
		)
		.first<PageRow>();
}

/** Takes a page offline (its stored versions stay for a re-publish). */
export async function unpublishPageRow(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<PageRow | null> {
	return db
		.prepare(
			`UPDATE pages SET status = 'draft', published_version = NULL, published_revision = NULL
			 WHERE id = ? AND user_id = ? RETURNING *`,
		)
		.bind(pageId, userId)
		.first<PageRow>();
}

/** Pages of an account with what a plan change needs, oldest first. */
export async function listPageStates(
	db: D1Database,
	userId: string,
): Promise<{ id: string; status: string; suspended_version: number | null }[]> {
	const { results } = await db
		.prepare(
			"SELECT id, status, suspended_version FROM pages WHERE user_id = ? ORDER BY created_at, id",
		)
		.bind(userId)
		.all<{ id: string; status: string; suspended_version: number | null }>();
	return results;
}

/**
 * After a plan change, in one batch: `offline` pages go offline (remembered in suspended_version),
 * `online` pages that a downgrade suspended come back.
 */
export async function setPagesOnline(
	db: D1Database,
	userId: string,
	offline: string[],
	online: string[],
): Promise<void> {
	const statements = [
		...offline.map((id) =>
			db
				.prepare(
					"UPDATE pages SET status = 'draft', suspended_version = published_version, published_version = NULL WHERE id = ? AND user_id = ?",
				)
				.bind(id, userId),
		),
		...online.map((id) =>
			db
				.prepare(
					"UPDATE pages SET status = 'published', published_version = suspended_version, suspended_version = NULL WHERE id = ? AND user_id = ?",
				)
				.bind(id, userId),
		),
	];
	if (statements.length > 0) await db.batch(statements);
}

// ── page_versions ───────────────────────────────────────────────────────────────────────────

/**
 * Takes the page's next version number and records the version, in one statement: SQLite runs it
 * atomically, so publishes of one page at once (a double click, a script) each get their own
 * number instead of racing on the primary key. The key is built in SQL as
 * `{prefix}{version}-{unique}.html` (the caller checks it against r2Keys' layout).
 */
export async function insertNextVersion(
	db: D1Database,
	userId: string,
	pageId: string,
	version: {
		prefix: string;
		unique: string;
		etag: string;
		styleHash: string;
		publishedAt: string;
		/** Issue 18: when the HTML was rendered, and its first schedule boundary after that. */
		renderedAt: string;
		nextBoundaryAt: string | null;
	},
): Promise<{ version: number; r2_key: string } | null> {
	return db
		.prepare(
			`INSERT INTO page_versions (page_id, version, user_id, r2_key, etag, style_hash, published_at, rendered_at, next_boundary_at)
			 SELECT ?1, n, ?2, ?3 || n || '-' || ?4 || '.html', ?5, ?6, ?7, ?8, ?9
			 FROM (SELECT COALESCE(MAX(version), 0) + 1 AS n FROM page_versions
			       WHERE page_id = ?1 AND user_id = ?2)
			 RETURNING version, r2_key`,
		)
		.bind(
			pageId,
			userId,
			version.prefix,
			version.unique,
			version.etag,
			version.styleHash,
			version.publishedAt,
			version.renderedAt,
			version.nextBoundaryAt,
		)
		.first<{ version: number; r2_key: string }>();
}

export async function deleteVersion(
	db: D1Database,
	userId: string,
	pageId: string,
	version: number,
): Promise<void> {
	await db
		.prepare("DELETE FROM page_versions WHERE page_id = ? AND user_id = ? AND version = ?")
		.bind(pageId, userId, version)
		.run();
}

export async function versionExists(
	db: D1Database,
	userId: string,
	pageId: string,
	version: number,
): Promise<boolean> {
	const row = await db
		.prepare("SELECT version FROM page_versions WHERE page_id = ? AND user_id = ? AND version = ?")
		.bind(pageId, userId, version)
		.first();
	return row !== null;
}

/** A published page with its current version, as the site manifest lists it. */
export interface PublishedVersionRow {
	id: string;
	slug: string;
	is_home: number;
	version: number;
	r2_key: string;
	etag: string;
	style_hash: string;
	published_at: string;
}

/** Every published page of the account with its current version (the manifest's content). */
export async function listPublishedVersions(
	db: D1Database,
	userId: string,
): Promise<PublishedVersionRow[]> {
	const { results } = await db
		.prepare(
			`SELECT p.id, p.slug, p.is_home, v.version, v.r2_key, v.etag, v.style_hash, v.published_at
			 FROM pages p JOIN page_versions v ON v.page_id = p.id AND v.version = p.published_version
			 WHERE p.user_id = ? AND p.status = 'published'`,
		)
		.bind(userId)
		.all<PublishedVersionRow>();
	return results;
}

/** Versions beyond the newest `keep` (never the published one): what pruning deletes. */
export async function listPrunableVersions(
	db: D1Database,
	userId: string,
	pageId: string,
	keep: number,
): Promise<{ version: number; r2_key: string }[]> {
	const { results } = await db
		.prepare(
			`SELECT v.version, v.r2_key FROM page_versions v JOIN pages p ON p.id = v.page_id
			 WHERE v.page_id = ? AND v.user_id = ? AND v.version <> p.published_version
			 ORDER BY v.version DESC LIMIT -1 OFFSET ?`,
		)
		.bind(pageId, userId, Math.max(0, keep - 1))
		.all<{ version: number; r2_key: string }>();
	return results;
}

/** Deletes stored versions, in one batch. */
export async function deleteVersions(
	db: D1Database,
	userId: string,
	pageId: string,
	versions: number[],
): Promise<void> {
	if (versions.length === 0) return;
	await db.batch(
		versions.map((version) =>
			db
				.prepare("DELETE FROM page_versions WHERE page_id = ? AND user_id = ? AND version = ?")
				.bind(pageId, userId, version),
		),
	);
}

/** The account's pages and published versions, for its data export (in the export's batch). */
export function exportStatements(
	db: D1Database,
	userId: string,
): [D1PreparedStatement, D1PreparedStatement] {
	return [
		db.prepare("SELECT * FROM pages WHERE user_id = ? ORDER BY created_at").bind(userId),
		db
			.prepare("SELECT page_id, version, published_at FROM page_versions WHERE user_id = ?")
			.bind(userId),
	];
}

// ── background image (issue 18) ───────────────────────────────────────────────────────────────

/**
 * Sets the page's background image to `to` (null removes it) if it still is `from` (a
 * compare-and-set), bumping the revision and recording the asset in the same transaction.
 */
export async function replaceBackgroundKey(
	db: D1Database,
	userId: string,
	pageId: string,
	from: string | null,
	to: { name: string; contentType: string; size: number } | null,
	// The assets table's statement (profile/store), given the condition "this page names it".
	recordAsset?: (named: SqlCondition) => D1PreparedStatement,
): Promise<PageRow | null> {
	const [updated] = await db.batch<PageRow>([
		db
			.prepare(
				`UPDATE pages SET background_key = ?, revision = revision + 1, updated_at = ?
				 WHERE id = ? AND user_id = ? AND background_key IS ? RETURNING *`,
			)
			.bind(to?.name ?? null, nowIso(), pageId, userId, from),
		...(to && recordAsset
			? [
					recordAsset({
						sql: "EXISTS (SELECT 1 FROM pages WHERE id = ? AND user_id = ? AND background_key = ?)",
						params: [pageId, userId, to.name],
					}),
				]
			: []),
	]);
	return updated?.results[0] ?? null;
}

/** True while some page of the account uses the asset `name` as its background. */
export function backgroundNames(userId: string, name: string): SqlCondition {
	return {
		sql: "EXISTS (SELECT 1 FROM pages WHERE user_id = ? AND background_key = ?)",
		params: [userId, name],
	};
}

/**
 * The asset names of every background image of the account's pages (for the site manifest) and,
 * in the same statement, the names `others`
 * select (each a SELECT of one `name` column from another store, e.g. the links' thumbnails);
 * each name once.
 */
export async function listImageKeys(
	db: D1Database,
	userId: string,
	others: SqlQuery[],
): Promise<string[]> {
	const { results } = await db
		.prepare(
			[
				"SELECT background_key AS name FROM pages WHERE user_id = ? AND background_key IS NOT NULL",
				...others.map((q) => q.sql),
			].join(" UNION "),
		)
		.bind(userId, ...others.flatMap((q) => q.params))
		.all<{ name: string }>();
	return results.map((r) => r.name);
}

// ── page_versions: schedules (issue 18) ─────────────────────────────────────────────────────

/** The published version of a page with what the schedule cron needs to re-render it. */
export interface ScheduledVersionRow {
	user_id: string;
	page_id: string;
	version: number;
	r2_key: string;
	etag: string;
	next_boundary_at: string | null;
}

const PUBLISHED_VERSION = `EXISTS (SELECT 1 FROM pages p WHERE p.id = page_versions.page_id
	AND p.published_version = page_versions.version AND p.status = 'published')`;

/**
 * Published versions whose next schedule boundary is at or before `now` (oldest first). A
 * boundary passed by a version that is no longer published is cleared in the same batch, so the
 * range the index scans holds only what is still ahead or due.
 */
export async function dueScheduledVersions(
	db: D1Database,
	now: string,
	limit: number,
): Promise<ScheduledVersionRow[]> {
	const [, due] = await db.batch<ScheduledVersionRow>([
		db
			.prepare(
				`UPDATE page_versions SET next_boundary_at = NULL
				 WHERE next_boundary_at IS NOT NULL AND next_boundary_at <= ? AND NOT ${PUBLISHED_VERSION}`,
			)
			.bind(now),
		db
			.prepare(
				`SELECT user_id, page_id, version, r2_key, etag, next_boundary_at FROM page_versions
				 WHERE next_boundary_at IS NOT NULL AND next_boundary_at <= ?
				 ORDER BY next_boundary_at LIMIT ?`,
			)
			.bind(now, limit),
	]);
	return due?.results ?? [];
}

/** The page's published version, for a re-render by the schedule cron. */
export async function publishedScheduledVersion(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<ScheduledVersionRow | null> {
	return db
		.prepare(
			`SELECT user_id, page_id, version, r2_key, etag, next_boundary_at FROM page_versions
			 WHERE page_id = ? AND user_id = ? AND ${PUBLISHED_VERSION}`,
		)
		.bind(pageId, userId)
		.first<ScheduledVersionRow>();
}

/**
 * Records a re-render of a published version: its new object (or the same one, when the HTML did
 * not change) and its next boundary. Only while the version is still published with the object
 * the re-render started from — a publish or restore in between wins, and the caller drops its
 * objects. Answers whether the row changed.
 */
export async function recordRender(
	db: D1Database,
	row: ScheduledVersionRow,
	render: {
		key: string;
		etag: string;
		styleHash: string;
		renderedAt: string;
		nextBoundaryAt: string | null;
	},
): Promise<boolean> {
	const result = await db
		.prepare(
			`UPDATE page_versions
			 SET r2_key = ?, etag = ?, style_hash = ?, rendered_at = ?, next_boundary_at = ?
			 WHERE page_id = ? AND user_id = ? AND version = ? AND r2_key = ? AND ${PUBLISHED_VERSION}`,
		)
		.bind(
			render.key,
			render.etag,
			render.styleHash,
			render.renderedAt,
			render.nextBoundaryAt,
			row.page_id,
			row.user_id,
			row.version,
			row.r2_key,
		)
		.run();
	return result.meta.changes > 0;
}

/**
 * A restored version was rendered for the time it was published: due for the schedule cron at
 * once, if it was published with its render input (since issue 18, `rendered_at` set). The
 * re-render writes nothing when its HTML is unchanged.
 */
export async function markRenderDue(
	db: D1Database,
	userId: string,
	pageId: string,
	version: number,
): Promise<void> {
	await db
		.prepare(
			`UPDATE page_versions SET next_boundary_at = rendered_at
			 WHERE page_id = ? AND user_id = ? AND version = ? AND rendered_at IS NOT NULL`,
		)
		.bind(pageId, userId, version)
		.run();
}
