/**
 * Publishes a site straight into the test's R2, as the Customer Worker would: a host mapping, one
 * immutable object per page and the site manifest. The Domain Worker's tests read only these.
 */
import { env } from "cloudflare:workers";
import {
	type HostMapping,
	type PublishedLinks,
	r2Keys,
	type SiteManifest,
} from "@smartpages/contracts/r2";

export interface PublishOptions {
	branding?: SiteManifest["branding"];
	assets?: string[];
	kind?: HostMapping["kind"];
	/** Per slug, the page's published link map (issue 17); without it the page has none. */
	links?: Record<string, PublishedLinks>;
	/** Legal path → HTML of the generated legal pages (issue 18.5); none without it. */
	legal?: Partial<Record<keyof NonNullable<SiteManifest["legal"]>, string>>;
	/** The manifest's canonical origin (issue 18.6); left out as in manifests written before. */
	canonicalBase?: string;
	/** `publishedAt` of every page (default: now). */
	publishedAt?: string;
	/** The account's language (issue 19); left out as in manifests written before. */
	locale?: SiteManifest["locale"];
}

/**
 * Maps `host` to `siteId` and publishes `pages` (slug → HTML; "" is the home page). Page ids are
 * `page-{slug}` (`page-home` for "").
 */
export async function publish(
	siteId: string,
	host: string,
	pages: Record<string, string>,
	{
		branding = null,
		assets = [],
		kind = "subdomain",
		links = {},
		legal,
		canonicalBase,
		publishedAt = new Date().toISOString(),
		locale,
	}: PublishOptions = {},
): Promise<void> {
	const mapping: HostMapping = { siteId, kind };
	await env.PAGES.put(r2Keys.host(host), JSON.stringify(mapping));
	const manifest: SiteManifest = {
		siteId,
		branding,
		pages: {},
		assets,
		...(canonicalBase !== undefined ? { canonicalBase } : {}),
		...(locale !== undefined ? { locale } : {}),
		updatedAt: new Date().toISOString(),
	};
	for (const [slug, html] of Object.entries(pages)) {
		const pageId = `page-${slug || "home"}`;
		const key = r2Keys.pageVersion(siteId, pageId, 1, "0123456789abcdef");
		await env.PAGES.put(key, html);
		manifest.pages[slug] = {
			pageId,
			version: 1,
			key,
			etag: `${siteId}-${pageId}-1`,
			styleHash: "sha256-abc",
			publishedAt,
			...(links[slug] ? { links: links[slug] } : {}),
		};
	}
	if (legal) {
		manifest.legal = {};
		for (const [path, html] of Object.entries(legal)) {
			const key = r2Keys.legalPage(siteId, `${path}0123456789abcdef`);
			await env.PAGES.put(key, html);
			manifest.legal[path as keyof typeof legal] = {
				key,
				etag: `${siteId}-legal-${path}`,
				styleHash: "sha256-legal",
			};
		}
	}
	await env.PAGES.put(r2Keys.manifest(siteId), JSON.stringify(manifest));
}
