/**
 * Host → site → object resolution. The host mapping and the site manifest are small JSON objects
 * cached at the edge for a few seconds; page and asset objects are immutable, and the manifest
 * decides which of them may be served (pages by path, assets by name).
 */
import type { Branding } from "@smartpages/contracts/branding";
import {
	ASSET_NAME,
	type HostMapping,
	normaliseHost,
	r2Keys,
	type SiteManifest,
} from "@smartpages/contracts/r2";

export interface Target {
	key: string;
	etag: string;
	kind: "page" | "asset";
	contentType: string;
	/** CSP hash of the page's inline stylesheet, recorded by the publisher. */
	styleHash?: string;
	/** The badge to add while serving (pages only), per the site's plan. */
	branding?: Branding | null;
}

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

/** Maps a visitor request to the R2 object that answers it, or null for a 404. */
export async function resolveRequest(
	request: Request,
	bucket: R2Bucket,
	ctx: ExecutionContext,
	ttl: number,
): Promise<Target | null> {
	const host = normaliseHost(request.headers.get("Host") ?? new URL(request.url).host);
	if (!HOST.test(host)) return null;
	const mapping = await readJson<HostMapping>(bucket, r2Keys.host(host), ctx, ttl);
	if (!mapping) return null;

	const { pathname } = new URL(request.url);
	const asset = ASSET_PATH.exec(pathname);
	if (asset) {
		const name = asset[1] ?? "";
		if (!ASSET_NAME.test(name)) return null;
		// Only what the site's published state references now: a replaced or deleted asset is
		// refused here, before the edge cache that may still hold its immutable bytes for a year.
		const manifest = await readJson<SiteManifest>(
			bucket,
			r2Keys.manifest(mapping.siteId),
			ctx,
			ttl,
		);
		if (!Array.isArray(manifest?.assets) || !manifest.assets.includes(name)) return null;
		const ext = name.slice(name.lastIndexOf(".") + 1);
		return {
			key: r2Keys.asset(mapping.siteId, name),
			etag: name.slice(0, 64),
			kind: "asset",
			contentType: ASSET_TYPES[ext] ?? "application/octet-stream",
		};
	}

	const slug = pathname === "/" ? "" : SLUG_PATH.exec(pathname)?.[1];
	if (slug === undefined) return null;
	const manifest = await readJson<SiteManifest>(bucket, r2Keys.manifest(mapping.siteId), ctx, ttl);
	const page = manifest?.pages[slug];
	if (!page || !Object.hasOwn(manifest.pages, slug)) return null;
	return {
		key: page.key,
		etag: page.etag,
		kind: "page",
		contentType: "text/html; charset=utf-8",
		styleHash: page.styleHash,
		branding: manifest.branding ?? null,
	};
}

/** Reads a small JSON object from R2 through the edge cache; absent objects are cached too. */
async function readJson<T>(
	bucket: R2Bucket,
	key: string,
	ctx: ExecutionContext,
	ttl: number,
): Promise<T | null> {
	const cacheKey = new Request(CACHE_ORIGIN + key);
	const cache = caches.default;
	if (ttl > 0) {
		const hit = await cache.match(cacheKey);
		if (hit) return parse<T>(await hit.text());
	}
	const object = await bucket.get(key);
	const body = object ? await object.text() : "null";
	if (ttl > 0) {
		const entry = new Response(body, { headers: { "Cache-Control": `public, max-age=${ttl}` } });
		ctx.waitUntil(cache.put(cacheKey, entry));
	}
	return parse<T>(body);
}

function parse<T>(body: string): T | null {
	try {
		return JSON.parse(body) as T | null;
	} catch {
		return null;
	}
}
