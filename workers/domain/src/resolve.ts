/**
 * Host → site → object resolution. The host mapping and the site manifest are small JSON objects
 * kept for the manifest TTL (`MANIFEST_CACHE_SECONDS`) in three levels: the isolate's memory
 * (memory.ts), the Cache API under the request's own host, and R2 last. Page and asset objects are
 * immutable, and the manifest decides which of them may be served (pages by path, assets by
 * name). A mapping or manifest that is not what the publisher writes (bad JSON, wrong shape)
 * answers 404 like an absent one, but is logged with its key: a silent 404 would hide a broken site.
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
import { memory } from "./memory";

export interface Target {
	/** The request's host, normalised: the Cache API keys of its objects live under it. */
	host: string;
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
	/**
	 * When the host mapping or the manifest it was resolved from expires (ms since the epoch; 0
	 * when nothing is cached): its answer may be remembered until then (answers.ts).
	 */
	expiresAt: number;
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
// Where the Cache API keeps R2 JSON under the visitor's host: `https://{host}/_sp/json/{key}`.
// Cloudflare's Cache API belongs to the zone of the key's host (a key on a host of no zone of
// ours, like the earlier `*.invalid` one, is not ours to cache under); no visitor request reads
// it, since the worker answers every path of the host itself and `/_sp/` is no page path.
const JSON_CACHE_PATH = "/_sp/json/";
// The header of a Cache API entry that says when its JSON was read from R2 (ms since the epoch).
const READ_AT = "X-SP-Read-At";

/** How a resolution reads R2 JSON: the host, the TTL in seconds (0: no caching at all). */
interface JsonReads {
	host: string;
	bucket: R2Bucket;
	ctx: ExecutionContext;
	ttl: number;
	/** Skip both cache levels (and refill them): the caller knows what they hold is stale. */
	fresh: boolean;
	/** Log a corrupt object read from R2; off for a second read of the same objects. */
	log: boolean;
	/** The earliest expiry of what the reads returned so far (each read lowers it). */
	expiresAt: number;
}

/**
 * Maps a visitor request to the R2 object that answers it, or to a published link (`/_l/`), or
 * to the site's robots.txt or sitemap, or null for a 404. `fresh` reads the mapping and the
 * manifest from R2 even when a cache holds them (and puts the new ones there).
 */
export async function resolveRequest(
	request: Request,
	bucket: R2Bucket,
	ctx: ExecutionContext,
	ttl: number,
	fresh = false,
): Promise<Target | LinkTarget | SiteFileTarget | null> {
	const reads = jsonReads(request, bucket, ctx, ttl, { fresh, log: true });
	if (!reads) return null;
	const { host } = reads;
	const mapping = await readJson(reads, r2Keys.host(host), isHostMapping);
	if (!mapping) return null;
	const readManifest = () =>
		readJson(reads, r2Keys.manifest(mapping.siteId), (value) => isManifest(value, mapping.siteId));

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
			host,
			siteId: mapping.siteId,
			key: r2Keys.asset(mapping.siteId, name),
			etag: name.slice(0, 64),
			kind: "asset",
			contentType: ASSET_TYPES[ext] ?? "application/octet-stream",
			expiresAt: reads.expiresAt,
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
			host,
			siteId: mapping.siteId,
			key: legal.key,
			etag: legal.etag,
			kind: "page",
			legal: true,
			contentType: "text/html; charset=utf-8",
			styleHash: legal.styleHash,
			branding: manifest.branding ?? null,
			expiresAt: reads.expiresAt,
		};
	}
	if (!Object.hasOwn(manifest.pages, slug)) return null;
	const page = manifest.pages[slug];
	if (!page) return null;
	return {
		host,
		siteId: mapping.siteId,
		pageId: page.pageId,
		key: page.key,
		etag: page.etag,
		kind: "page",
		contentType: "text/html; charset=utf-8",
		styleHash: page.styleHash,
		branding: manifest.branding ?? null,
		expiresAt: reads.expiresAt,
	};
}

/**
 * The language of the site behind the request's host (its manifest's `locale`), for the 404 page;
 * null for an unknown host or a manifest without one. Both reads go through the caches.
 */
export async function siteLocale(
	request: Request,
	bucket: R2Bucket,
	ctx: ExecutionContext,
	ttl: number,
): Promise<Locale | null> {
	const reads = jsonReads(request, bucket, ctx, ttl, { fresh: false, log: false });
	if (!reads) return null;
	const mapping = await readJson(reads, r2Keys.host(reads.host), isHostMapping);
	if (!mapping) return null;
	const manifest = await readJson(reads, r2Keys.manifest(mapping.siteId), (value) =>
		isManifest(value, mapping.siteId),
	);
	return manifest?.locale ?? null;
}

/** The request's host as R2 keys name it: the Host header (else the URL's), normalised. */
export function requestHost(request: Request): string {
	return normaliseHost(request.headers.get("Host") ?? new URL(request.url).host);
}

/** How a resolution of `request` reads R2 JSON; null for a host no site can have. */
function jsonReads(
	request: Request,
	bucket: R2Bucket,
	ctx: ExecutionContext,
	ttl: number,
	how: { fresh: boolean; log: boolean },
): JsonReads | null {
	const host = requestHost(request);
	if (!HOST.test(host)) return null;
	return { host, bucket, ctx, ttl, ...how, expiresAt: Number.POSITIVE_INFINITY };
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
 * Reads a small JSON object: from the isolate's memory, else the Cache API, else R2; absent
 * objects are cached too (an unknown host in its own small cache, memory.ts). An object that is
 * not valid JSON or fails `valid` counts as absent; it is logged when read from R2 (not on every
 * cache hit), so a broken site shows up in the logs about once per cache lifetime.
 *
 * Whatever level answers, the value lives at most `ttl` seconds from its read from R2: a Cache API
 * entry carries that moment (`X-SP-Read-At`), and memory keeps it only for what is left of it.
 */
function readJson<T>(
	reads: JsonReads,
	key: string,
	valid: (value: unknown) => value is T,
): T | null | Promise<T | null> {
	// Memory answers without a promise: the hot path's two reads cost two map lookups.
	if (reads.ttl > 0 && !reads.fresh) {
		const now = Date.now();
		const held = memory.sites.lookup(key, now);
		// Only readJson stores under an R2 JSON key, always a value `valid` accepted (or null).
		if (held !== undefined) {
			reads.expiresAt = Math.min(reads.expiresAt, held.expiresAt);
			return held.value as T | null;
		}
		if (key.startsWith(HOST_PREFIX) && memory.absentHosts.get(key, now) === null) return null;
	}
	return readJsonBelowMemory(reads, key, valid);
}

/** readJson's second and third levels: the Cache API, then R2 (both remembered in memory). */
async function readJsonBelowMemory<T>(
	reads: JsonReads,
	key: string,
	valid: (value: unknown) => value is T,
): Promise<T | null> {
	const { ttl, fresh } = reads;
	if (ttl > 0 && !fresh) {
		const now = Date.now();
		const hit = await caches.default.match(jsonCacheKey(reads.host, key));
		if (hit) {
			const readAt = Number(hit.headers.get(READ_AT));
			const expiresAt = readAt + ttl * 1000;
			if (Number.isFinite(readAt) && expiresAt > now) {
				const body = await hit.text();
				const { value } = check(body, valid);
				remember(reads, key, value, body, expiresAt);
				return value;
			}
			await hit.body?.cancel();
		}
	}
	const object = await reads.bucket.get(key);
	const body = object ? await object.text() : "null";
	const { value, problem } = check(body, valid);
	if (problem && reads.log) writeLog("error", "corrupt r2 object", { key, problem });
	if (ttl > 0) {
		const readAt = Date.now();
		const entry = new Response(body, {
			headers: { "Cache-Control": `public, max-age=${ttl}`, [READ_AT]: String(readAt) },
		});
		reads.ctx.waitUntil(caches.default.put(jsonCacheKey(reads.host, key), entry));
		remember(reads, key, value, body, readAt + ttl * 1000);
	} else {
		reads.expiresAt = 0;
	}
	return value;
}

const HOST_PREFIX = r2Keys.host("");

function jsonCacheKey(host: string, key: string): Request {
	return new Request(`https://${host}${JSON_CACHE_PATH}${key}`);
}

/**
 * Keeps a value read from R2 or the Cache API in memory until `expiresAt`, and lowers the reads'
 * expiry to it. Its cost is three times its JSON text (a parsed object takes two to three times
 * the bytes of its UTF-16 text in V8), which over-counts rather than lets memory grow past the cap.
 */
function remember(
	reads: JsonReads,
	key: string,
	value: unknown,
	body: string,
	expiresAt: number,
): void {
	reads.expiresAt = Math.min(reads.expiresAt, expiresAt);
	const isHost = key.startsWith(HOST_PREFIX);
	// One level answers per key: the newer read replaces what the other cache said.
	if (value === null && isHost) {
		memory.sites.delete(key);
		memory.absentHosts.set(key, null, key.length * 2, expiresAt);
		return;
	}
	if (isHost) memory.absentHosts.delete(key);
	memory.sites.set(key, value, body.length * 3, expiresAt);
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
