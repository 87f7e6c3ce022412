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

/** Applies a partial update; anything that changes the rendered page bumps its revision. */
export async function updatePage(
	db: D1Database,
	userId: string,
	pageId: string,
	patch: PatchPageBody,
): Promise<Result<PageRow>> {
	const current = await findPage(db, userId, pageId);
	if (!current) return fail("not_found", "No such page.");
	const next = {
		slug: patch.slug ?? current.slug,
		title: patch.title ?? current.title,
		description: patch.description ?? current.description,
		theme: patch.theme ?? current.theme,
	};
	const changed =
		next.slug !== current.slug ||
		next.title !== current.title ||
		next.description !== current.description ||
		next.theme !== current.theme;
	if (!changed) return ok(current);
	try {
		const row = await db
			.prepare(
				`UPDATE pages SET slug = ?, title = ?, description = ?, theme = ?, revision = revision + 1, updated_at = ?
				 WHERE id = ? AND user_id = ? RETURNING *`,
			)
			.bind(next.slug, next.title, next.description, next.theme, nowIso(), pageId, userId)
			.first<PageRow>();
		return row ? ok(row) : fail("not_found", "No such page.");
	} catch (error) {
		if (String(error).includes("pages.user_id, pages.slug")) return SLUG_TAKEN();
		throw error;
	}
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

/** Deletes a page (links and versions cascade); the oldest remaining page becomes home. */
export async function deletePageRow(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<PageRow | null> {
	const row = await db
		.prepare("DELETE FROM pages WHERE id = ? AND user_id = ? RETURNING *")
		.bind(pageId, userId)
		.first<PageRow>();
	if (row?.is_home === 1) {
		await db
			.prepare(
				`UPDATE pages SET is_home = 1, revision = revision + 1 WHERE id = (
					SELECT id FROM pages WHERE user_id = ? ORDER BY created_at, id LIMIT 1)`,
			)
			.bind(userId)
			.run();
	}
	return row;
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
