/**
 * HTTP semantics of delivery: ETag / If-None-Match, Cache-Control per object kind, and the
 * security headers every response carries, including the small 404 page. The bytes of a page or
 * asset come from the isolate's memory (pages with their badge applied, memory.ts), else the
 * Cache API under the request's host, else R2.
 */

import type { Locale } from "@smartpages/contracts";
import { type Branding, injectBranding } from "@smartpages/contracts/branding";
import {
	type Answer,
	type AnswerHeaders,
	type Held,
	matchesEtag,
	rememberAnswer,
	serveAnswer,
} from "./answers";
import { memory } from "./memory";
import { NOT_FOUND_STYLE_HASH, notFoundHtml, preferredLocale } from "./not-found";
import type { Target } from "./resolve";

// Immutable objects (keys change on every publish or upload) may be cached for long at the edge,
// under the visitor's host like the JSON (resolve.ts): `https://{host}/_sp/object/{key}`.
const OBJECT_CACHE_PATH = "/_sp/object/";

/** The security headers of every answer; `styleHash` allows the one inline stylesheet, if any. */
export function securityHeaders(styleHash?: string): Record<string, string> {
	const style = styleHash ? `'${styleHash}'` : "'none'";
	return {
		// connect-src 'self': nothing on these pages runs script, so it lets no visitor's browser do
		// anything new; it lets tools that fetch in the page's context (Lighthouse reads robots.txt
		// so, and fails its SEO audit under connect-src 'none') read the site's own files.
		"Content-Security-Policy": `default-src 'none'; img-src 'self' https: data:; style-src ${style}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy": "strict-origin-when-cross-origin",
		"Cross-Origin-Opener-Policy": "same-origin",
		"Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
	};
}

/**
 * HSTS on HTTPS answers only (RFC 6797), for the host itself: a custom domain lives in the
 * customer's own zone, so includeSubDomains or preload would bind hostnames we do not serve.
 */
export function transportSecurity(request: Request): Record<string, string> {
	// A request's URL is absolute and its scheme lower case, so its first characters say it.
	return request.url.startsWith("https:") ? HSTS : {};
}

const HSTS: Readonly<Record<string, string>> = { "Strict-Transport-Security": "max-age=63072000" };

/**
 * Answers a resolved object, `304` when the validator matches, and remembers the answer under
 * `answerKey` for the hot path (answers.ts). A conditional request for an object this isolate does
 * not hold is answered without reading it.
 */
export async function respond(
	request: Request,
	bucket: R2Bucket,
	ctx: ExecutionContext,
	target: Target,
	answerKey: string,
): Promise<Response | null> {
	// The badge is added here, so the validator names the badge too: its language and its link
	// change the body without changing the stored object.
	const badge = target.branding
		? (knownBadgeTag(target.branding) ?? (await badgeTag(target.branding)))
		: "";
	const etag = `"${target.etag}${badge}"`;
	const https = request.url.startsWith("https:");
	const memoryKey = `${target.key}#${etag}`;
	const now = Date.now();
	let held = memory.sites.get(memoryKey, now) as Held | undefined;
	if (!held && matchesEtag(request.headers.get("If-None-Match"), etag)) {
		return new Response(null, { status: 304, headers: notModifiedHeaders(target, https, etag) });
	}
	held ??= (await heldOf(bucket, ctx, target, etag, memoryKey)) ?? undefined;
	// Gone: a publish pruned the version the manifest named (the caller reads the manifest again).
	if (!held) return null;
	const answer: Answer = { target, held, headers: heldHeaders(held, target, https) };
	rememberAnswer(answerKey, answer, now);
	return serveAnswer(request, answer);
}

/** The headers of a held object's answers over one scheme, made once per isolate. */
function heldHeaders(held: Held, target: Target, https: boolean): AnswerHeaders {
	const slot = https ? 1 : 0;
	const known = held.headers[slot];
	if (known) return known;
	const made = {
		ok: new Headers({
			...objectHeaders(target, https),
			ETag: held.etag,
			"Content-Length": String(held.body.byteLength),
		}),
		notModified: notModifiedHeaders(target, https, held.etag),
	};
	held.headers[slot] = made;
	return made;
}

function notModifiedHeaders(target: Target, https: boolean, etag: string): Headers {
	return new Headers({ ...objectHeaders(target, https), ETag: etag });
}

// The headers that only depend on what kind of object is served and how (its stylesheet hash,
// content type, kind, HTTPS or not): built once per variant and isolate rather than per view — a
// handful of variants per site, so the map is small; cleared if it ever grows past its bound.
// Kept as a record, not as [name, value] pairs: workerd converts a record into a Headers list
// markedly faster than a sequence of pairs (bench/README.md, issue 22).
const headerSets = new Map<string, Readonly<Record<string, string>>>();
const MAX_HEADER_SETS = 1024;

function objectHeaders(target: Target, https: boolean): Readonly<Record<string, string>> {
	const variant = `${target.kind} ${https ? 1 : 0} ${target.contentType} ${target.styleHash ?? ""}`;
	const known = headerSets.get(variant);
	if (known) return known;
	const set = Object.freeze({
		...securityHeaders(target.styleHash),
		...(https ? HSTS : {}),
		"Content-Type": target.contentType,
		"Cache-Control":
			target.kind === "asset"
				? "public, max-age=31536000, immutable"
				: "public, max-age=0, must-revalidate",
	});
	if (headerSets.size >= MAX_HEADER_SETS) headerSets.clear();
	headerSets.set(variant, set);
	return set;
}

/**
 * The bytes served for `target`, the badge applied, when memory does not hold them (respond looks
 * there first): read and kept in memory under the object's key and validator (one entry per badge
 * variant). Immutable, so never expired; the manifest decides whether they may still be served.
 */
async function heldOf(
	bucket: R2Bucket,
	ctx: ExecutionContext,
	target: Target,
	etag: string,
	memoryKey: string,
): Promise<Held | null> {
	const stored = await readObject(bucket, ctx, target.host, target.key);
	if (stored === null) return null;
	const body = target.branding
		? new TextEncoder().encode(injectBranding(new TextDecoder().decode(stored), target.branding))
		: new Uint8Array(stored);
	const held: Held = { body, etag, headers: [undefined, undefined] };
	memory.sites.set(memoryKey, held, body.byteLength + HELD_HEADERS_BYTES, Number.POSITIVE_INFINITY);
	return held;
}

// What the two answers' headers of a held object cost in memory, over-counted (two schemes, two
// answers, about 700 bytes of header text each).
const HELD_HEADERS_BYTES = 4 * 1024;

// Badge validators by language and link: a handful per deployment (the dashboard's address), so
// the SHA-256 is computed once per isolate rather than on every view. Cleared if it ever grows.
const badgeTags = new Map<string, string>();
const MAX_BADGE_TAGS = 64;

/** The badge's validator when this isolate computed it before (no await on the hot path). */
function knownBadgeTag(branding: Branding): string | undefined {
	return badgeTags.get(`${branding.lang} ${branding.url}`);
}

/** `-b-{lang}-{8 hex of the link's SHA-256}`: one validator per badge variant. */
async function badgeTag(branding: Branding): Promise<string> {
	const memo = `${branding.lang} ${branding.url}`;
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(branding.url));
	const hex = [...new Uint8Array(digest).subarray(0, 4)]
		.map((b) => b.toString(16).padStart(2, "0"))
		.join("");
	const tag = `-b-${branding.lang}-${hex}`;
	if (badgeTags.size >= MAX_BADGE_TAGS) badgeTags.clear();
	badgeTags.set(memo, tag);
	return tag;
}

async function readObject(
	bucket: R2Bucket,
	ctx: ExecutionContext,
	host: string,
	key: string,
): Promise<ArrayBuffer | null> {
	const cacheKey = new Request(`https://${host}${OBJECT_CACHE_PATH}${key}`);
	const hit = await caches.default.match(cacheKey);
	if (hit) return hit.arrayBuffer();
	const object = await bucket.get(key);
	if (!object) return null;
	const body = await object.arrayBuffer();
	const entry = new Response(body, { headers: { "Cache-Control": "public, max-age=31536000" } });
	ctx.waitUntil(caches.default.put(cacheKey, entry));
	return body;
}

export { NOT_FOUND_HTML, NOT_FOUND_STYLE_HASH } from "./not-found";

/** Anything but GET and HEAD: nothing here accepts a write. */
export function methodNotAllowed(): Response {
	return new Response("Method Not Allowed", {
		status: 405,
		headers: {
			...securityHeaders(),
			Allow: "GET, HEAD",
			"Content-Type": "text/plain; charset=utf-8",
			"Cache-Control": "no-store",
		},
	});
}

/**
 * A `/_l/` click: `302` to the published link's URL. Never stored by any cache, so every click
 * reaches the worker and is counted; kept out of search indexes, which should list the target.
 */
export function linkRedirect(request: Request, url: string): Response {
	return new Response(null, {
		status: 302,
		headers: {
			...securityHeaders(),
			...transportSecurity(request),
			Location: url,
			"Cache-Control": "no-store",
			"X-Robots-Tag": "noindex",
		},
	});
}

/**
 * The small 404 page: no tenant content, never cached as a page; in the site's language when it
 * is known (`locale`), else in the visitor's (not-found.ts).
 */
export function notFound(request: Request, locale: Locale | null = null): Response {
	const lang = locale ?? preferredLocale(request.headers.get("Accept-Language"));
	return new Response(request.method === "HEAD" ? null : notFoundHtml(lang), {
		status: 404,
		headers: {
			...securityHeaders(NOT_FOUND_STYLE_HASH),
			...transportSecurity(request),
			"Content-Type": "text/html; charset=utf-8",
			...(lang ? { "Content-Language": lang } : {}),
			"Cache-Control": "no-store",
		},
	});
}
