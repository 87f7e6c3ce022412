/**
 * Creating the pages of an import (issue 21). Core has read and checked the source (pages and
 * items passed the contract's schemas) and cut it to the plan; here each page is created as a
 * draft together with its items in one D1 batch — all of the page or nothing — and the plan's
 * limits are checked again inside the statements, so a concurrent page or link creation cannot
 * push the account over them. A slug taken in the account gets a short random suffix.
 */
import {
	type ImportPage,
	ok,
	type Page,
	type PlanId,
	type Result,
	toHandleCandidate,
} from "@smartpages/contracts";
import { newId } from "../lib/ids";
import { isUniqueViolation } from "../lib/sql";
import { insertImportedItemStatement } from "../links/store";
import type { SiteConfig } from "../publish/publish";
import { loadPublicBaseUrl } from "../tenant";
import { insertImportedPageStatement, type PageRow, pageExistsCondition, toPage } from "./store";

export interface ImportLimits {
	maxPages: number;
	maxLinksPerPage: number;
	plan: PlanId;
}

export interface ImportedPages {
	pages: Page[];
	/** Items created, on all pages together. */
	links: number;
	/** Pages and items the limits refused here (a page or link created meanwhile took the room). */
	refusedPages: number;
	refusedLinks: number;
}

/** Creates one page with its items; null when the plan's page limit is reached. */
async function createWithItems(
	db: D1Database,
	userId: string,
	page: ImportPage,
	limits: ImportLimits,
): Promise<{ row: PageRow; links: number } | null> {
	let slug = page.slug ?? toHandleCandidate(page.title);
	for (let attempt = 0; ; attempt++) {
		const id = newId("pg");
		try {
			const [inserted, ...items] = await db.batch<{ id: string } & Partial<PageRow>>([
				insertImportedPageStatement(
					db,
					userId,
					{
						id,
						slug,
						title: page.title,
						description: page.description,
						theme: page.theme,
						designJson: page.design ? JSON.stringify(page.design) : undefined,
					},
					limits.maxPages,
				),
				...page.links.map((item) =>
					insertImportedItemStatement(
						db,
						userId,
						id,
						item,
						limits.maxLinksPerPage,
						pageExistsCondition(userId, id),
					),
				),
			]);
			const row = inserted?.results[0] as PageRow | undefined;
			if (!row) return null;
			return { row, links: items.reduce((n, r) => n + r.results.length, 0) };
		} catch (error) {
			if (!isUniqueViolation(error, "pages.user_id, pages.slug") || attempt >= 4) throw error;
			slug = `${slug.slice(0, 24).replace(/-+$/, "")}-${Math.random().toString(36).slice(2, 6)}`;
		}
	}
}

/** Creates the import's pages in order, as drafts, as far as the plan allows. */
export async function importPages(
	site: SiteConfig,
	userId: string,
	pages: ImportPage[],
	limits: ImportLimits,
): Promise<Result<ImportedPages>> {
	const created: PageRow[] = [];
	let links = 0;
	let refusedPages = 0;
	let refusedLinks = 0;
	for (const page of pages) {
		const result = refusedPages > 0 ? null : await createWithItems(site.db, userId, page, limits);
		if (!result) {
			refusedPages++;
			refusedLinks += page.links.length;
			continue;
		}
		created.push(result.row);
		links += result.links;
		refusedLinks += page.links.length - result.links;
	}
	const baseUrl = await loadPublicBaseUrl(site.db, site, userId);
	return ok({
		pages: created.map((row) => toPage(row, { baseUrl })),
		links,
		refusedPages,
		refusedLinks,
	});
}
