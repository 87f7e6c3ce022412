/**
 * Pages in D1. Every query is scoped by the user id Core passes in; a page id of another
 * account is indistinguishable from one that does not exist.
 */
import {
	type CreatePageBody,
	fail,
	ok,
	type Page,
	type PageVersion,
	type PatchPageBody,
	type Result,
	toHandleCandidate,
} from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { newId } from "../lib/ids";

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
	created_at: string;
	updated_at: string;
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
			if (!String(error).includes("pages.user_id, pages.slug")) throw error;
			if (explicit) return SLUG_TAKEN();
			slug = `${slug.slice(0, 24)}-${Math.random().toString(36).slice(2, 6)}`;
		}
	}
	return SLUG_TAKEN();
}

// The columns a page patch may write, by the patch's field names.
const PATCH_COLUMNS = {
	slug: "slug",
	title: "title",
	description: "description",
	theme: "theme",
} as const satisfies Record<keyof PatchPageBody, string>;

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
	const values: string[] = [];
	for (const [field, column] of Object.entries(PATCH_COLUMNS) as [keyof PatchPageBody, string][]) {
		const value = patch[field];
		if (value === undefined) continue;
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
			if (String(error).includes("pages.user_id, pages.slug")) return SLUG_TAKEN();
			throw error;
		}
	}
	// Nothing written: the page is gone, or the patch changes nothing.
	const current = await findPage(db, userId, pageId);
	return current ? ok(current) : fail("not_found", "No such page.");
}

/** Marks pages as changed since their last publish (e.g. after a profile edit). */
export async function touchPages(db: D1Database, userId: string, pageId?: string): Promise<void> {
	const now = nowIso();
	if (pageId) {
		await db
			.prepare(
				"UPDATE pages SET revision = revision + 1, updated_at = ? WHERE id = ? AND user_id = ?",
			)
			.bind(now, pageId, userId)
			.run();
		return;
	}
	await db.prepare("UPDATE pages SET revision = revision + 1 WHERE user_id = ?").bind(userId).run();
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
): Promise<PageVersion[]> {
	const { results } = await db
		.prepare(
			"SELECT version, published_at FROM page_versions WHERE page_id = ? AND user_id = ? ORDER BY version DESC",
		)
		.bind(pageId, userId)
		.all<{ version: number; published_at: string }>();
	return results.map((r) => ({ version: r.version, publishedAt: r.published_at }));
}
