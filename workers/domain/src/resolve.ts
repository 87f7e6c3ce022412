/**
 * Host → site → object resolution. The host mapping and the site manifest are small JSON objects
 * cached at the edge for a few seconds; page and asset objects are immutable, and the manifest
 * decides which of them may be served (pages by path, assets by name). A mapping or manifest that
 * is not what the publisher writes (bad JSON, wrong shape) answers 404 like an absent one, but is
 * logged with its key: a silent 404 would hide a broken site.
 *
 * `/_l/{linkId}` (issue 17) resolves to a link of the host's own site, looked up in the manifest's
 * per-page link maps (written by the publisher with each version); nothing from the request but
 * the id is used, so the redirect can only ever go to a URL that site has published.
 */
import type { LegalPath, Locale } from "@smartpages/contracts";
import type { Branding } from "@smartpages/contracts/branding";
import { writeLog } from "@smartpages/contracts/log";
import {
	ASSET_NAME,
	type HostMapping,
	type LegalPageRef,
	LINK_ID,
	normaliseHost,
	type PublishedPageRef,
	r2Keys,
	type SiteManifest,
} from "@smartpages/contracts/r2";

export interface Target {
	/** The site (account) the host maps to, and the published page served (pages only). */
	siteId: string;
	pageId?: string;
	key: string;
	etag: string;
	kind: "page" | "asset";
	contentType: string;
	/** CSP hash of the page's inline stylesheet, recorded by the publisher. */
	styleHash?: string;
	/** The badge to add while serving (pages only), per the site's plan. */
	branding?: Branding | null;
	/** A generated legal page (issue 18.5): served like a page, not counted as a view. */
	legal?: true;
}

/** A `/_l/{linkId}` click: the site's page that shows the link, and where it goes. */
export interface LinkTarget {
	kind: "link";
	siteId: string;
	pageId: string;
	linkId: string;
	url: string;
}

/** `/robots.txt` or `/sitemap.xml` of a site (issue 18.6), made from its manifest (site-files.ts). */
export interface SiteFileTarget {
	kind: "site-file";
	siteId: string;
	file: SiteFile;
	manifest: SiteManifest;
}

const SITE_FILES = { "/robots.txt": "robots.txt", "/sitemap.xml": "sitemap.xml" } as const;
export type SiteFile = (typeof SITE_FILES)[keyof typeof SITE_FILES];

const LINK_PATH = /^\/_l\/([^/]*)$/;
const LINK_SCHEMES = new Set(["https:", "http:", "mailto:", "tel:"]);
const SLUG_PATH = /^\/([a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?)\/?$/;
const ASSET_PATH = /^\/_assets\/([^/]+)$/;
const HOST = /^[a-z0-9.-]{1,253}$/;
const ASSET_TYPES: Record<string, string> = {
	png: "image/png",
	jpg: "image/jpeg",
	webp: "image/webp",
	gif: "image/gif",
};
// Key space of the cache entries for R2 JSON; never a real host, never fetched.
const CACHE_ORIGIN = "https://r2-json.smartpages.invalid/";

/**
 * Maps a visitor request to the R2 object that answers it, or to a published link (`/_l/`), or
 * to the site's robots.txt or sitemap, or null for a 404.
 */
export async function resolveRequest(
	request: Request,
	bucket: R2Bucket,
	ctx: ExecutionContext,
	ttl: number,
): Promise<Target | LinkTarget | SiteFileTarget | null> {
	const host = normaliseHost(request.headers.get("Host") ?? new URL(request.url).host);
	if (!HOST.test(host)) return null;
	const mapping = await readJson(bucket, r2Keys.host(host), ctx, ttl, isHostMapping);
	if (!mapping) return null;
	const readManifest = () =>
		readJson(bucket, r2Keys.manifest(mapping.siteId), ctx, ttl, (value) =>
			isManifest(value, mapping.siteId),
		);

	const { pathname, search } = new URL(request.url);
	const link = LINK_PATH.exec(pathname);
	if (link) {
		// Our own pages never add a query; one here is somebody else's idea, not a click.
		const linkId = link[1] ?? "";
		if (search !== "" || !LINK_ID.test(linkId)) return null;
		const manifest = await readManifest();
		return manifest ? findLink(manifest, mapping.siteId, linkId) : null;
	}
	if (Object.hasOwn(SITE_FILES, pathname)) {
		const file = SITE_FILES[pathname as keyof typeof SITE_FILES];
		// Only for a site that is live: one published page at least.
		const manifest = await readManifest();
		if (!manifest || Object.keys(manifest.pages).length === 0) return null;
		return { kind: "site-file", siteId: mapping.siteId, file, manifest };
	}
	const asset = ASSET_PATH.exec(pathname);
	if (asset) {
		const name = asset[1] ?? "";
		if (!ASSET_NAME.test(name)) return null;
		// Only what the site's published state references now: a replaced or deleted asset is
		// refused here, before the edge cache that may still hold its immutable bytes for a year.
		const manifest = await readManifest();
		if (!manifest?.assets?.includes(name)) return null;
		const ext = name.slice(name.lastIndexOf(".") + 1);
		return {
			siteId: mapping.siteId,
			key: r2Keys.asset(mapping.siteId, name),
			etag: name.slice(0, 64),
			kind: "asset",
			contentType: ASSET_TYPES[ext] ?? "application/octet-stream",
		};
	}

	const slug = pathname === "/" ? "" : SLUG_PATH.exec(pathname)?.[1];
	if (slug === undefined) return null;
	const manifest = await readManifest();
	if (!manifest) return null;
	// The generated legal pages (issue 18.5) own their four paths while the site has them.
	const legal =
		manifest.legal && Object.hasOwn(manifest.legal, slug)
			? manifest.legal[slug as LegalPath]
			: undefined;
	if (legal) {
		return {
			siteId: mapping.siteId,
			key: legal.key,
			etag: legal.etag,
			kind: "page",
			legal: true,
			contentType: "text/html; charset=utf-8",
			styleHash: legal.styleHash,
			branding: manifest.branding ?? null,
		};
	}
	if (!Object.hasOwn(manifest.pages, slug)) return null;
	const page = manifest.pages[slug];
	if (!page) return null;
	return {
		siteId: mapping.siteId,
		pageId: page.pageId,
		key: page.key,
		etag: page.etag,
		kind: "page",
		contentType: "text/html; charset=utf-8",
		styleHash: page.styleHash,
		branding: manifest.branding ?? null,
	};
}

/**
 * The language of the site behind the request's host (its manifest's `locale`), for the 404 page;
 * null for an unknown host or a manifest without one. Both reads go through the edge cache.
 */
export async function siteLocale(
	request: Request,
	bucket: R2Bucket,
	ctx: ExecutionContext,
	ttl: number,
): Promise<Locale | null> {
	const host = normaliseHost(request.headers.get("Host") ?? new URL(request.url).host);
	if (!HOST.test(host)) return null;
	const mapping = await readJson(bucket, r2Keys.host(host), ctx, ttl, isHostMapping, false);
	if (!mapping) return null;
	const manifest = await readJson(
		bucket,
		r2Keys.manifest(mapping.siteId),
		ctx,
		ttl,
		(value) => isManifest(value, mapping.siteId),
		false,
	);
	return manifest?.locale ?? null;
}

/** The published page of `siteId` that shows `linkId`, and the link's URL; null if none does. */
function findLink(manifest: SiteManifest, siteId: string, linkId: string): LinkTarget | null {
	for (const page of Object.values(manifest.pages)) {
		const links = page.links;
		if (!links || !Object.hasOwn(links, linkId)) continue;
		const url = links[linkId];
		// Checked here rather than in isManifest: one odd entry must not take the whole site down.
		if (!isLinkUrl(url)) return null;
		return { kind: "link", siteId, pageId: page.pageId, linkId, url };
	}
	return null;
}

/**
 * Reads a small JSON object from R2 through the edge cache; absent objects are cached too. An
 * object that is not valid JSON or fails `valid` counts as absent; it is logged when read from R2
 * (not on every cache hit), so a broken site shows up in the logs about once per cache lifetime;
 * `log: false` for a second read in the same request (the 404 page's language), which the first
 * one has logged already.
 */
async function readJson<T>(
	bucket: R2Bucket,
	key: string,
	ctx: ExecutionContext,
	ttl: number,
	valid: (value: unknown) => value is T,
	log = true,
): Promise<T | null> {
	const cacheKey = new Request(CACHE_ORIGIN + key);
	const cache = caches.default;
	if (ttl > 0) {
		const hit = await cache.match(cacheKey);
		if (hit) return check(await hit.text(), valid).value;
	}
	const object = await bucket.get(key);
	const body = object ? await object.text() : "null";
	if (ttl > 0) {
		const entry = new Response(body, { headers: { "Cache-Control": `public, max-age=${ttl}` } });
		ctx.waitUntil(cache.put(cacheKey, entry));
	}
	const { value, problem } = check(body, valid);
	if (problem && log) writeLog("error", "corrupt r2 object", { key, problem });
	return value;
}

function check<T>(
	body: string,
	valid: (value: unknown) => value is T,
): { value: T | null; problem?: "invalid JSON" | "wrong shape" } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return { value: null, problem: "invalid JSON" };
	}
	if (parsed === null) return { value: null };
	return valid(parsed) ? { value: parsed } : { value: null, problem: "wrong shape" };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isHostMapping(value: unknown): value is HostMapping {
	return (
		isRecord(value) &&
		typeof value.siteId === "string" &&
		value.siteId.length > 0 &&
		(value.kind === "subdomain" || value.kind === "custom")
	);
}

// Every locale has a badge label; the compiler checks this list against the Locale type.
const BADGE_LOCALES = { de: true, en: true } as const satisfies Record<Locale, true>;

function isBranding(value: unknown): value is Branding {
	return (
		isRecord(value) &&
		typeof value.url === "string" &&
		typeof value.lang === "string" &&
		Object.hasOwn(BADGE_LOCALES, value.lang)
	);
}

/**
 * A page reference may only name an object of its own site. Its link map is absent before issue
 * 17; its URLs are checked when one is redirected to (findLink), so even a tampered manifest
 * cannot make `/_l/` a `javascript:` or `data:` redirect.
 */
function isPageRef(value: unknown, siteId: string): value is PublishedPageRef {
	return (
		isRecord(value) &&
		typeof value.key === "string" &&
		value.key.startsWith(r2Keys.sitePrefix(siteId)) &&
		typeof value.etag === "string" &&
		(value.pageId === undefined || typeof value.pageId === "string") &&
		(value.styleHash === undefined || typeof value.styleHash === "string") &&
		(value.links === undefined || isLinkMap(value.links))
	);
}

/** A legal page reference, like a page's, may only name an object of its own site. */
function isLegalRef(value: unknown, siteId: string): value is LegalPageRef {
	return (
		isRecord(value) &&
		typeof value.key === "string" &&
		value.key.startsWith(r2Keys.legalPrefix(siteId)) &&
		typeof value.etag === "string" &&
		typeof value.styleHash === "string"
	);
}

function isLinkMap(value: unknown): boolean {
	return isRecord(value) && Object.values(value).every((url) => typeof url === "string");
}

function isLinkUrl(value: unknown): value is string {
	if (typeof value !== "string" || value.length > 2048) return false;
	try {
		return LINK_SCHEMES.has(new URL(value).protocol);
	} catch {
		return false;
	}
}

/**
 * The fields delivery relies on. `assets` and `branding` may be missing in manifests written
 * before they existed (the manifest upgrade walk adds them); a missing asset list serves no asset.
 */
function isManifest(value: unknown, siteId: string): value is SiteManifest {
	if (!isRecord(value) || !isRecord(value.pages)) return false;
	const { pages, assets, branding, legal, locale } = value;
	return (
		(locale === undefined ||
			(typeof locale === "string" && Object.hasOwn(BADGE_LOCALES, locale))) &&
		Object.values(pages).every((page) => isPageRef(page, siteId)) &&
		(legal === undefined ||
			(isRecord(legal) && Object.values(legal).every((ref) => isLegalRef(ref, siteId)))) &&
		(assets === undefined ||
			(Array.isArray(assets) && assets.every((name) => typeof name === "string"))) &&
		(branding === undefined || branding === null || isBranding(branding))
	);
}
