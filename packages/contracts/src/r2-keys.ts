/**
 * The R2 key layout, shared by the publisher (Customer Worker, writes) and the Domain Worker
 * (reads). Published page bodies and assets are immutable; only the small host and site manifest
 * objects are ever overwritten, which makes each publish a single atomic switch.
 *
 *   hosts/{hostname}                     → HostMapping (which site a host serves)
 *   sites/{siteId}/manifest.json         → SiteManifest (path → immutable page object, and
 *                                          the assets it may serve)
 *   sites/{siteId}/pages/{pageId}/{version}-{unique}.html
 *                                        → one published version; {unique} is random per
 *                                          publish, because a D1 restore can hand out the same
 *                                          version number again while the edge still caches
 *                                          the earlier object under its key for a year
 *   sites/{siteId}/pages/{pageId}/{version}-{unique}.links.json
 *                                        → PublishedLinks of that version: the link ids its
 *                                          HTML points to (`/_l/{linkId}`) and their URLs,
 *                                          written with it, immutable like it (issue 17)
 *   sites/{siteId}/pages/{pageId}/{version}-{unique}.source.json
 *                                        → what that version was rendered from (issue 18: the
 *                                          schedule cron re-renders it at each boundary under a
 *                                          new {unique}); read only by the Customer Worker
 *   sites/{siteId}/assets/{sha256}.{ext} → avatar and other uploaded assets
 *   sites/{siteId}/legal/{sha256}.html   → a generated legal page (/impressum, /datenschutz,
 *                                          /imprint, /privacy; issue 18.5), named by the hash
 *                                          of its HTML, so unchanged pages keep their key
 */
import type { Branding } from "./branding";
import type { Locale } from "./schemas/account";

export interface HostMapping {
	siteId: string;
	/** "subdomain" for {handle}.{PAGES_DOMAIN}, "custom" for a verified custom domain. */
	kind: "subdomain" | "custom";
}

export interface PublishedPageRef {
	pageId: string;
	version: number;
	/** R2 key of the immutable HTML object. */
	key: string;
	/** Strong validator computed at publish time (hash of the body). */
	etag: string;
	/** CSP source for the page's single inline stylesheet, e.g. "sha256-…". */
	styleHash: string;
	publishedAt: string;
	/**
	 * The page's published links: link id → URL, the only places `/_l/{linkId}` redirects to.
	 * Copied from the version's `.links.json` when the manifest is built; absent in manifests
	 * (and versions) written before issue 17, whose HTML links point straight to their URLs, so
	 * there every `/_l/` answers 404.
	 */
	links?: PublishedLinks;
}

/** One generated legal page: its immutable object, validator and stylesheet hash. */
export interface LegalPageRef {
	key: string;
	etag: string;
	styleHash: string;
}

/** Link id → URL of the enabled links one published version shows (`/_l/{linkId}` targets). */
export type PublishedLinks = Record<string, string>;

/** Link ids as `newId("ln")` makes them; `/_l/{anything else}` is never looked up. */
export const LINK_ID = /^ln_[0-9a-z]{20}$/;

export interface SiteManifest {
	siteId: string;
	/** The badge the Domain Worker adds to every page, or null when the plan removes branding. */
	branding: Branding | null;
	/** Keyed by path slug; "" is the home page served at "/". */
	pages: Record<string, PublishedPageRef>;
	/**
	 * The generated legal pages by path (issue 18.5), present while the profile has `legal`; they
	 * take their path even from a customer page with that slug. Absent in older manifests.
	 */
	legal?: Partial<Record<"impressum" | "datenschutz" | "imprint" | "privacy", LegalPageRef>>;
	/**
	 * Asset names (`{sha256}.{ext}`) the site references now, e.g. its avatar. The Domain Worker
	 * serves `/_assets/{name}` only for these, so a removed asset stops being served within the
	 * manifest's cache lifetime even where an edge cache still holds its immutable bytes.
	 */
	assets: string[];
	/**
	 * The site's preferred origin, `https://{host}` without a trailing slash: its first active
	 * custom domain, else its subdomain — the rule the published pages' canonical URLs follow. The
	 * Domain Worker's `/sitemap.xml` lists the pages on it and `/robots.txt` names that sitemap
	 * (issue 18.6). Missing in manifests written before; then the request's own origin is used.
	 */
	canonicalBase?: string;
	/**
	 * The account's language, for the Domain Worker's 404 page on this site (issue 19). Missing
	 * in manifests written before; then the visitor's Accept-Language decides.
	 */
	locale?: Locale;
	updatedAt: string;
}

/** Normalises a Host header value to the key used in R2: lower case, no port, no trailing dot. */
export function normaliseHost(host: string): string {
	let h = host.trim().toLowerCase();
	if (h.startsWith("[")) return h; // IPv6 literal: never a mapped host
	const colon = h.lastIndexOf(":");
	if (colon !== -1) h = h.slice(0, colon);
	if (h.endsWith(".")) h = h.slice(0, -1);
	return h;
}

export const r2Keys = {
	host: (hostname: string) => `hosts/${hostname}`,
	manifest: (siteId: string) => `sites/${siteId}/manifest.json`,
	/** `unique` is a fresh random id per publish (the version number is only a readable label). */
	pageVersion: (siteId: string, pageId: string, version: number, unique: string) =>
		`sites/${siteId}/pages/${pageId}/${version}-${unique}.html`,
	/** The link map written next to a version object (same prefix, so pruning and deletion reach it). */
	pageLinks: (versionKey: string) => versionKey.replace(/\.html$/, ".links.json"),
	/**
	 * The render input a version was published from (issue 18), next to it and never served: the
	 * schedule cron re-renders the published version from it when an item's window opens or closes.
	 */
	pageSource: (versionKey: string) => versionKey.replace(/\.html$/, ".source.json"),
	pagePrefix: (siteId: string, pageId: string) => `sites/${siteId}/pages/${pageId}/`,
	asset: (siteId: string, name: string) => `sites/${siteId}/assets/${name}`,
	sitePrefix: (siteId: string) => `sites/${siteId}/`,
	legalPrefix: (siteId: string) => `sites/${siteId}/legal/`,
	legalPage: (siteId: string, hash: string) => `sites/${siteId}/legal/${hash}.html`,
} as const;

/** Asset names are `{64 hex}.{ext}`; anything else is not an asset path (no traversal possible). */
export const ASSET_NAME = /^[0-9a-f]{64}\.(png|jpg|webp|gif)$/;
