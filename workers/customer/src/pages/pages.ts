/**
 * Pages as the RPC surface answers them: store rows mapped to the contract's `Page` with the
 * site's base URL, and the follow-ups a page change needs on the published site (a moved slug
 * rewrites the manifest, a deleted page's objects go).
 */
import {
	type CreatePageBody,
	fail,
	type Limit,
	type Link,
	ok,
	type Page,
	type PageVersion,
	type PatchPageBody,
	type Result,
} from "@smartpages/contracts";
import { listLinks, toLink } from "../links/store";
import { removePublishedPage, type SiteConfig, writeManifest } from "../publish/publish";
import { loadPublicBaseUrl } from "../tenant";
import {
	createPage as createPageRow,
	deletePageRow,
	findPage,
	listPages as listPageRows,
	listVersions as listVersionRows,
	makeHomePage,
	toPage,
	updatePage as updatePageRow,
} from "./store";
import { withChanges } from "./version-changes";

const NO_PAGE = () => fail("not_found", "No such page.");

/** The account's pages, oldest first. */
export async function listPages(site: SiteConfig, userId: string): Promise<Result<Page[]>> {
	const [baseUrl, rows] = await Promise.all([
		loadPublicBaseUrl(site.db, site, userId),
		listPageRows(site.db, userId),
	]);
	return ok(rows.map((row) => toPage(row, { baseUrl })));
}

export async function getPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<{ page: Page; links: Link[] }>> {
	const [row, links, baseUrl] = await Promise.all([
		findPage(site.db, userId, pageId),
		listLinks(site.db, userId, pageId),
		loadPublicBaseUrl(site.db, site, userId),
	]);
	if (!row) return NO_PAGE();
	return ok({ page: toPage(row, { baseUrl }), links: links.map(toLink) });
}

export async function createPage(
	site: SiteConfig,
	userId: string,
	input: CreatePageBody,
	limit: Limit,
): Promise<Result<Page>> {
	const result = await createPageRow(site.db, userId, input, limit);
	if (!result.ok) return result;
	return ok(toPage(result.value, { baseUrl: await loadPublicBaseUrl(site.db, site, userId) }));
}

export async function updatePage(
	site: SiteConfig,
	userId: string,
	pageId: string,
	patch: PatchPageBody,
): Promise<Result<Page>> {
	const before = await findPage(site.db, userId, pageId);
	if (!before) return fail("not_found", "No such page.");
	// Issue 19: the chosen home page is served at "/" at once, the previous one at its slug.
	const home = patch.isHome ? await makeHomePage(site.db, userId, pageId) : null;
	if (home && !home.found) return fail("not_found", "No such page.");
	const result = await updatePageRow(site.db, userId, pageId, patch);
	if (!result.ok) return result;
	// A published page that changes its slug moves to its new address at once.
	const moved = before.slug !== result.value.slug && result.value.status === "published";
	if (moved || home?.moved) {
		await writeManifest(site, userId);
	}
	return ok(toPage(result.value, { baseUrl: await loadPublicBaseUrl(site.db, site, userId) }));
}

export async function deletePage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<null>> {
	const row = await deletePageRow(site.db, userId, pageId);
	if (!row) return NO_PAGE();
	await removePublishedPage(site, userId, pageId);
	return ok(null);
}

export async function listVersions(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<PageVersion[]>> {
	if (!(await findPage(site.db, userId, pageId))) return NO_PAGE();
	return ok(await withChanges(site.bucket, await listVersionRows(site.db, userId, pageId)));
}
