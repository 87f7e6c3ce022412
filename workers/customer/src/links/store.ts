/**
 * Links of a page, ordered by position. Every query is scoped by user id and page id together.
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
import { touchPages } from "../pages/store";

export interface LinkRow {
	id: string;
	page_id: string;
	user_id: string;
	title: string;
	url: string;
	enabled: number;
	position: number;
	created_at: string;
	updated_at: string;
}

export function toLink(row: LinkRow): Link {
	return {
		id: row.id,
		title: row.title,
		url: row.url,
		enabled: row.enabled === 1,
		position: row.position,
	};
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
	const page = await db
		.prepare("SELECT id FROM pages WHERE id = ? AND user_id = ?")
		.bind(pageId, userId)
		.first();
	if (!page) return NO_PAGE();
	const now = nowIso();
	const row = await db
		.prepare(
			`INSERT INTO links (id, page_id, user_id, title, url, enabled, position, created_at, updated_at)
			 SELECT ?, ?, ?, ?, ?, ?, COALESCE((SELECT MAX(position) + 1 FROM links WHERE page_id = ?), 0), ?, ?
			 WHERE (SELECT COUNT(*) FROM links WHERE page_id = ?) < ?
			 RETURNING *`,
		)
		.bind(
			newId("ln"),
			pageId,
			userId,
			input.title,
			input.url,
			input.enabled === false ? 0 : 1,
			pageId,
			now,
			now,
			pageId,
			maxLinks,
		)
		.first<LinkRow>();
	if (!row) {
		return fail("plan_limit_reached", `Your plan allows ${maxLinks} links per page.`, {
			limit: { name: "maxLinksPerPage", max: maxLinks, plan: limit.plan },
		});
	}
	await touchPages(db, userId, pageId);
	return ok(row);
}

/**
 * Writes only the fields the patch sends, in one statement, so a concurrent patch of other fields
 * of the same link is never overwritten with what was read before it.
 */
export async function updateLink(
	db: D1Database,
	userId: string,
	pageId: string,
	linkId: string,
	patch: PatchLinkBody,
): Promise<Result<LinkRow>> {
	const sets: string[] = [];
	const values: (string | number)[] = [];
	if (patch.title !== undefined) {
		sets.push("title = ?");
		values.push(patch.title);
	}
	if (patch.url !== undefined) {
		sets.push("url = ?");
		values.push(patch.url);
	}
	if (patch.enabled !== undefined) {
		sets.push("enabled = ?");
		values.push(patch.enabled ? 1 : 0);
	}
	const row = await db
		.prepare(
			`UPDATE links SET ${[...sets, "updated_at = ?"].join(", ")}
			 WHERE id = ? AND page_id = ? AND user_id = ? RETURNING *`,
		)
		.bind(...values, nowIso(), linkId, pageId, userId)
		.first<LinkRow>();
	if (!row) return NO_LINK();
	await touchPages(db, userId, pageId);
	return ok(row);
}

export async function deleteLink(
	db: D1Database,
	userId: string,
	pageId: string,
	linkId: string,
): Promise<Result<null>> {
	const row = await db
		.prepare("DELETE FROM links WHERE id = ? AND page_id = ? AND user_id = ? RETURNING id")
		.bind(linkId, pageId, userId)
		.first();
	if (!row) return NO_LINK();
	await touchPages(db, userId, pageId);
	return ok(null);
}

/** Sets the order; `ids` must name exactly the page's links, each once. */
export async function reorderLinks(
	db: D1Database,
	userId: string,
	pageId: string,
	ids: string[],
): Promise<Result<LinkRow[]>> {
	const page = await db
		.prepare("SELECT id FROM pages WHERE id = ? AND user_id = ?")
		.bind(pageId, userId)
		.first();
	if (!page) return NO_PAGE();
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
	await db.batch(
		ids.map((id, position) =>
			db
				.prepare(
					"UPDATE links SET position = ?, updated_at = ? WHERE id = ? AND page_id = ? AND user_id = ?",
				)
				.bind(position, now, id, pageId, userId),
		),
	);
	await touchPages(db, userId, pageId);
	return ok(await listLinks(db, userId, pageId));
}
