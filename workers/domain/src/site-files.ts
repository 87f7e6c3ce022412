/**
 * `/robots.txt` and `/sitemap.xml` of a site (issue 18.6), made from its manifest on every
 * request: nothing is stored for them, so they change with the next publish like the pages do.
 * The sitemap lists every published page under the site's canonical origin (the manifest's
 * `canonicalBase`, the rule the pages' canonical tags follow), on whichever of the site's hosts it
 * is asked for; robots.txt allows everything but the `/_l/` click redirects and names the sitemap.
 */
import type { SiteManifest } from "@smartpages/contracts/r2";
import { matchesEtag } from "./answers";
import type { SiteFileTarget } from "./resolve";
import { securityHeaders, transportSecurity } from "./respond";

// Crawlers read these now and then; a few minutes is fresh enough and keeps repeat reads off the
// worker. The manifest itself is re-read every few seconds, so the next fetch after that sees a
// publish.
const CACHE_CONTROL = "public, max-age=300";

/** The answer for a site file: 200 (or 304 on a matching validator), HEAD without a body. */
export async function siteFileResponse(
	request: Request,
	target: SiteFileTarget,
): Promise<Response> {
	const base = siteOrigin(target.manifest, request);
	const [body, contentType] =
		target.file === "robots.txt"
			? [robotsTxt(base), "text/plain; charset=utf-8"]
			: [sitemapXml(target.manifest, base), "application/xml; charset=utf-8"];
	const bytes = new TextEncoder().encode(body);
	const etag = `"${await shortHash(bytes)}"`;
	const headers = new Headers({
		...securityHeaders(),
		...transportSecurity(request),
		"Content-Type": contentType,
		"Cache-Control": CACHE_CONTROL,
		ETag: etag,
	});
	if (matchesEtag(request.headers.get("If-None-Match"), etag)) {
		return new Response(null, { status: 304, headers });
	}
	headers.set("Content-Length", String(bytes.byteLength));
	return new Response(request.method === "HEAD" ? null : bytes, { status: 200, headers });
}

/**
 * The canonical origin from the manifest, or the request's own origin when the manifest has none
 * (written before issue 18) or holds anything but a bare http(s) origin.
 */
export function siteOrigin(manifest: SiteManifest, request: Request): string {
	const own = new URL(request.url).origin;
	// Not checked by the manifest's shape test: an odd value here must not take the pages down.
	const stated: unknown = manifest.canonicalBase;
	if (typeof stated !== "string" || stated === "") return own;
	let url: URL;
	try {
		url = new URL(stated);
	} catch {
		return own;
	}
	const bare = url.pathname === "/" && url.search === "" && url.hash === "" && !url.username;
	return bare && (url.protocol === "https:" || url.protocol === "http:") ? url.origin : own;
}

export function robotsTxt(origin: string): string {
	return `User-agent: *\nDisallow: /_l/\n\nSitemap: ${origin}/sitemap.xml\n`;
}

/** Every published page, the home page first, then by path; `lastmod` is when it was published. */
export function sitemapXml(manifest: SiteManifest, origin: string): string {
	const entries = Object.entries(manifest.pages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const urls = entries.map(([slug, page]) => {
		const published = Date.parse(page.publishedAt);
		const lastmod = Number.isNaN(published)
			? ""
			: `<lastmod>${new Date(published).toISOString()}</lastmod>`;
		return `<url><loc>${xmlText(`${origin}/${slug}`)}</loc>${lastmod}</url>`;
	});
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

function xmlText(value: string): string {
	return value
		.replaceAll("&", "&amp;")
		.replaceAll("<", "&lt;")
		.replaceAll(">", "&gt;")
		.replaceAll('"', "&quot;")
		.replaceAll("'", "&apos;");
}

async function shortHash(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", bytes);
	return [...new Uint8Array(digest).subarray(0, 16)]
		.map((b) => b.toString(16).padStart(2, "0"))
		.join("");
}
