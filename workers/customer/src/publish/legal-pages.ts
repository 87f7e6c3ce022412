/**
 * The generated legal pages in R2 (issue 18.5). Whenever the manifest is rebuilt and the profile
 * has `legal` and the site has a published page, the four pages are rendered in the home page's
 * design and stored under keys named by the hash of their HTML (`r2Keys.legalPage`): an unchanged
 * page keeps its key, a changed one gets a new key, so like page versions no object anybody may
 * serve is ever rewritten; the manifest's `legal` map then names them. When `legal` changes, the
 * account's published pages are republished (their footers gain or lose the links) — only those
 * without unpublished edits, so this never puts a draft online — and objects no manifest names
 * any more are pruned.
 */
import {
	entitlementsFor,
	type LegalPageRef,
	type LegalResource,
	r2Keys,
	type SiteManifest,
	type Theme,
} from "@smartpages/contracts";
import { sha256Hex } from "../lib/ids";
import { listPages, type PageRow, pageDesign } from "../pages/store";
import type { Tenant } from "../tenant";
import { renderLegalPages } from "./legal";
import { stylesheet } from "./themes";

/** Where the publisher's storage lives (a subset of SiteConfig, to keep this module standalone). */
interface LegalSite {
	db: D1Database;
	bucket: R2Bucket;
}

// A legal object is pruned only when no manifest names it and it is older than this: a manifest
// write running at the same moment may have stored it a few milliseconds ago and name it next.
const PRUNE_AFTER_MS = 10 * 60 * 1000;

/** The stored legal JSON of a profile row, or null. */
export function legalOf(raw: string | null): LegalResource | null {
	return raw ? (JSON.parse(raw) as LegalResource) : null;
}

/**
 * Renders and stores the site's legal pages; returns the manifest's `legal` map, or undefined
 * when the profile has no `legal` or the site shows nothing yet (`published` empty).
 */
export async function storeLegalPages(
	site: LegalSite,
	tenant: Tenant,
	hasPublished: boolean,
): Promise<SiteManifest["legal"]> {
	const legal = legalOf(tenant.profile.legal);
	if (!legal || !hasPublished) return undefined;
	const pages = await listPages(site.db, tenant.userId);
	const home = pages.find((p) => p.is_home === 1);
	const theme = (home?.theme ?? "light") as Theme;
	const rendered = await renderLegalPages({
		legal,
		siteName: tenant.profile.display_name || home?.title || tenant.profile.handle,
		// The home page's colours, shape and font; its background image stays on the home page.
		css: stylesheet(theme, home ? { design: pageDesign(home) } : undefined),
	});
	const refs: NonNullable<SiteManifest["legal"]> = {};
	await Promise.all(
		rendered.map(async (page) => {
			const hash = await sha256Hex(page.html);
			const key = r2Keys.legalPage(tenant.userId, hash);
			await site.bucket.put(key, page.html, {
				httpMetadata: { contentType: "text/html; charset=utf-8" },
				customMetadata: { styleHash: page.styleHash },
			});
			refs[page.path] = { key, etag: hash.slice(0, 32), styleHash: page.styleHash };
		}),
	);
	return refs;
}

/** Deletes the account's legal objects that `current` does not name (and that are not new). */
export async function pruneLegalPages(
	site: LegalSite,
	userId: string,
	current: SiteManifest["legal"],
): Promise<void> {
	const keep = new Set(Object.values(current ?? {}).map((ref: LegalPageRef) => ref.key));
	const cutoff = Date.now() - PRUNE_AFTER_MS;
	let cursor: string | undefined;
	do {
		const listed = await site.bucket.list({ prefix: r2Keys.legalPrefix(userId), cursor });
		const stale = listed.objects
			.filter((o) => !keep.has(o.key) && o.uploaded.getTime() < cutoff)
			.map((o) => o.key);
		if (stale.length > 0) await site.bucket.delete(stale);
		cursor = listed.truncated ? listed.cursor : undefined;
	} while (cursor);
}

/** Published pages whose draft equals what is online: republishing them publishes no draft. */
export function cleanPublishedPages(pages: PageRow[]): string[] {
	return pages
		.filter((p) => p.status === "published" && p.revision === p.published_revision)
		.map((p) => p.id);
}

/** How many versions a republish keeps: what the plan restores (at least the live one). */
export function keepVersionsFor(tenant: Tenant): number {
	return Math.max(1, entitlementsFor(tenant.plan).maxRestorableVersions);
}
