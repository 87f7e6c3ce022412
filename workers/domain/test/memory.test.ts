/**
 * The hot path without I/O (issue 22.1): a warm page view, 304 and `/_l/` click read nothing from
 * R2 or the Cache API; memory stays within its byte cap under thousands of sites, least recently
 * used first; a publish, an unpublish and a removed domain are still seen within the manifest TTL,
 * also when memory was refilled from the Cache API; Cache API keys live on the request's host.
 */

import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts/r2";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ByteLru, clearMemory, memory, memoryStats } from "../src/memory";
import { publish } from "./support/publish";
import { type VisitOptions, visit } from "./support/visit";

const TTL_MS = Number(env.MANIFEST_CACHE_SECONDS) * 1000;
const unique = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}`;
const page = (text: string) => `<!doctype html><title>${text}</title><body><h1>${text}</h1></body>`;

/** `env.PAGES` counting the reads made through it. */
function countingBucket(): { bucket: R2Bucket; reads: () => number } {
	let n = 0;
	const bucket = new Proxy(env.PAGES, {
		get(target, property) {
			const value = Reflect.get(target, property);
			if (typeof value !== "function") return value;
			return (...args: unknown[]) => {
				if (property === "get" || property === "head") n += 1;
				return Reflect.apply(value, target, args);
			};
		},
	});
	return { bucket, reads: () => n };
}

/** R2 and Cache API reads made by the requests `run` makes with the options it is given. */
async function ioDuring(
	run: (options: VisitOptions) => Promise<void>,
): Promise<{ r2: number; cache: number }> {
	const { bucket, reads } = countingBucket();
	const cache = vi.spyOn(caches.default, "match");
	await run({ env: { PAGES: bucket } });
	return { r2: reads(), cache: cache.mock.calls.length };
}

/** Polls `url` until `done` holds for its answer; how long that took (ms), or Infinity. */
async function msUntil(
	url: string,
	done: (res: Response, body: string) => boolean,
	options: VisitOptions = {},
): Promise<number> {
	const started = Date.now();
	while (Date.now() - started < TTL_MS * 3) {
		const { response } = await visit(url, options);
		if (done(response, await response.text())) return Date.now() - started;
		await new Promise((r) => setTimeout(r, 200));
	}
	return Number.POSITIVE_INFINITY;
}

beforeEach(() => {
	clearMemory();
});

afterEach(() => {
	vi.restoreAllMocks();
});

describe("ByteLru", () => {
	it("keeps the bytes it holds within its cap, dropping the least recently used first", () => {
		const lru = new ByteLru<string>(16 * 1024);
		for (let i = 0; i < 5000; i++) {
			lru.set(`site-${i}`, "x", 200, Number.POSITIVE_INFINITY);
			// Site 0 is read all along: the most recently used, never evicted.
			expect(lru.get("site-0", 0)).toBe("x");
			expect(lru.stats().bytes).toBeLessThanOrEqual(16 * 1024);
		}
		expect(lru.has("site-0")).toBe(true);
		expect(lru.has("site-1")).toBe(false);
		expect(lru.has("site-4999")).toBe(true);
		const stats = lru.stats();
		expect(stats.evictions).toBeGreaterThan(4900);
		expect(stats.entries).toBeLessThan(60);
	});

	it("forgets an entry once it expires, and refuses one above a sixteenth of the cap", () => {
		const lru = new ByteLru<string>(16 * 1024);
		lru.set("short", "v", 10, 1000);
		expect(lru.get("short", 999)).toBe("v");
		expect(lru.get("short", 1000)).toBeUndefined();
		expect(lru.stats()).toMatchObject({ entries: 0, bytes: 0 });
		lru.set("huge", "v", 1024, Number.POSITIVE_INFINITY);
		expect(lru.has("huge")).toBe(false);
	});

	it("shrinks at once to a smaller cap", () => {
		const lru = new ByteLru<number>(64 * 1024);
		for (let i = 0; i < 100; i++) lru.set(`k${i}`, i, 500, Number.POSITIVE_INFINITY);
		lru.resize(8 * 1024);
		expect(lru.stats().bytes).toBeLessThanOrEqual(8 * 1024);
		expect(lru.has("k99")).toBe(true);
		expect(lru.has("k0")).toBe(false);
	});
});

describe("the hot path", () => {
	it("serves a warm page, its 304 and a click with no R2 or Cache API read, counting each", async () => {
		const site = unique("site-hot");
		const host = `${site}.localhost`;
		const linkId = `ln_${"hot".padEnd(20, "0")}`;
		await publish(
			site,
			host,
			{ "": page("Hot") },
			{
				branding: { url: "https://app.example/", lang: "en" },
				links: { "": { [linkId]: "https://example.com/" } },
			},
		);
		const first = await visit(`http://${host}/`);
		const body = await first.response.text();
		expect(body).toContain("Made with SmartPages");
		const etag = first.response.headers.get("ETag") ?? "";

		let views: Awaited<ReturnType<typeof visit>>[] = [];
		const io = await ioDuring(async (options) => {
			views = [
				await visit(`http://${host}/`, options),
				await visit(`http://${host}/`, options),
				await visit(`http://${host}/`, { ...options, headers: { "If-None-Match": etag } }),
				await visit(`http://${host}/_l/${linkId}`, options),
			];
		});
		expect(io).toEqual({ r2: 0, cache: 0 });
		const [a, b, notModified, click] = views;
		// The same bytes each time: serving from memory does not consume what memory holds.
		expect(await a?.response.text()).toBe(body);
		expect(await b?.response.text()).toBe(body);
		expect(b?.response.headers.get("Content-Length")).toBe(
			String(new TextEncoder().encode(body).byteLength),
		);
		expect(notModified?.response.status).toBe(304);
		expect(click?.response.status).toBe(302);
		expect(click?.response.headers.get("Location")).toBe("https://example.com/");
		// Statistics still count: a view for each GET answered 200/304, a click for the redirect.
		expect(views.map((v) => v.points.length)).toEqual([1, 1, 1, 1]);
		expect(click?.points[0]?.blobs?.[0]).toBe("click");
	});

	it("keeps its Cache API entries under the request's own host, never an invented one", async () => {
		const site = unique("site-keys");
		const host = `${site}.localhost`;
		await publish(site, host, { "": page("Keys") });
		const put = vi.spyOn(caches.default, "put");
		expect((await visit(`http://${host}/`)).response.status).toBe(200);
		const urls = put.mock.calls.map(([key]) => (key instanceof Request ? key.url : String(key)));
		expect(urls.length).toBe(3);
		for (const url of urls) expect(new URL(url).host).toBe(host);
	});

	it("answers an unknown host from memory the second time, apart from the sites' cache", async () => {
		const host = `${unique("nobody")}.localhost`;
		expect((await visit(`http://${host}/`)).response.status).toBe(404);
		const io = await ioDuring(async (options) => {
			expect((await visit(`http://${host}/`, options)).response.status).toBe(404);
		});
		expect(io).toEqual({ r2: 0, cache: 0 });
		expect(memory.sites.has(r2Keys.host(host))).toBe(false);
		expect(memory.absentHosts.has(r2Keys.host(host))).toBe(true);
	});
});

describe("remembered answers (the hot path)", () => {
	it("answers a repeat request for the same host and URL exactly as the full path did", async () => {
		const site = unique("site-answer");
		const host = `${site}.localhost`;
		await publish(site, host, { "": page("Answer"), shop: page("Shop") });
		const first = await visit(`https://${host}/shop`);
		expect(memory.answers.stats().entries).toBe(1);
		const etag = first.response.headers.get("ETag") ?? "";
		let repeat: Awaited<ReturnType<typeof visit>>[] = [];
		const io = await ioDuring(async (options) => {
			repeat = [
				await visit(`https://${host}/shop`, options),
				await visit(`https://${host}/shop`, { ...options, method: "HEAD" }),
				await visit(`https://${host}/shop`, { ...options, headers: { "If-None-Match": etag } }),
			];
		});
		expect(io).toEqual({ r2: 0, cache: 0 });
		expect(memory.answers.stats().entries).toBe(1);
		const [get, head, notModified] = repeat;
		const headers = (r: Response | undefined) => [...(r?.headers ?? new Headers())];
		expect(headers(get?.response)).toEqual(headers(first.response));
		expect(await get?.response.text()).toBe(await first.response.text());
		expect(headers(head?.response)).toEqual(headers(first.response));
		expect(await head?.response.text()).toBe("");
		expect(notModified?.response.status).toBe(304);
		expect(notModified?.response.headers.get("ETag")).toBe(etag);
		expect(notModified?.response.headers.get("Strict-Transport-Security")).toBe(
			first.response.headers.get("Strict-Transport-Security"),
		);
		// Views from the hot path are counted like the first one.
		expect(repeat.map((v) => v.points.length)).toEqual([1, 0, 1]);
	});

	it("keeps http and https answers apart (HSTS only on https)", async () => {
		const site = unique("site-scheme");
		const host = `${site}.localhost`;
		await publish(site, host, { "": page("Scheme") });
		await visit(`https://${host}/`);
		const plain = await visit(`http://${host}/`);
		expect(plain.response.headers.get("Strict-Transport-Security")).toBeNull();
		const secure = await visit(`https://${host}/`);
		expect(secure.response.headers.get("Strict-Transport-Security")).not.toBeNull();
		expect(memory.answers.stats().entries).toBe(2);
	});

	it("remembers nothing when the manifest TTL is 0", async () => {
		const site = unique("site-nottl");
		const host = `${site}.localhost`;
		await publish(site, host, { "": page("No TTL") });
		const options: VisitOptions = { env: { MANIFEST_CACHE_SECONDS: "0" } };
		expect((await visit(`http://${host}/`, options)).response.status).toBe(200);
		expect((await visit(`http://${host}/`, options)).response.status).toBe(200);
		expect(memory.answers.stats().entries).toBe(0);
	});

	it("lets a flood of query strings of one page cycle only the answers, not the site", async () => {
		const site = unique("site-flood");
		const host = `${site}.localhost`;
		await publish(site, host, { "": page("Flood") });
		const small: VisitOptions = { env: { MEMORY_CACHE_MIB: "0.25" } };
		const answersCap = (256 * 1024) / 4;
		for (let i = 0; i < 600; i++) {
			const { response } = await visit(`http://${host}/?utm_source=${i}`, small);
			expect(response.status).toBe(200);
			expect(memory.answers.stats().bytes).toBeLessThanOrEqual(answersCap);
		}
		expect(memory.answers.stats().evictions).toBeGreaterThan(0);
		expect(memory.sites.has(r2Keys.host(host))).toBe(true);
		expect(memory.sites.has(r2Keys.manifest(site))).toBe(true);
	});
});

describe("staleness stays within the manifest TTL", () => {
	it("shows a publish within the TTL of a warm isolate", async () => {
		const site = unique("site-change");
		const host = `${site}.localhost`;
		await publish(site, host, { "": page("Before") });
		expect(await (await visit(`http://${host}/`)).response.text()).toContain("Before");
		// A new version: a new object key, as the publisher writes it.
		const manifestKey = r2Keys.manifest(site);
		const manifest = (await (await env.PAGES.get(manifestKey))?.json()) as SiteManifest;
		const home = manifest.pages[""];
		if (!home) throw new Error("no home page published");
		const next = r2Keys.pageVersion(site, home.pageId, 2, "fedcba9876543210");
		await env.PAGES.put(next, page("After"));
		manifest.pages[""] = { ...home, version: 2, key: next, etag: `${site}-2` };
		await env.PAGES.put(manifestKey, JSON.stringify(manifest));
		const ms = await msUntil(`http://${host}/`, (_res, body) => body.includes("After"));
		expect(ms).toBeLessThanOrEqual(TTL_MS + 500);
	});

	it("stops serving an unpublished page and a removed domain within the TTL", async () => {
		const site = unique("site-gone");
		const host = `${site}.localhost`;
		await publish(site, host, { "": page("Home"), shop: page("Shop") });
		expect((await visit(`http://${host}/shop`)).response.status).toBe(200);
		await publish(site, host, { "": page("Home") });
		const unpublished = await msUntil(`http://${host}/shop`, (res) => res.status === 404);
		expect(unpublished).toBeLessThanOrEqual(TTL_MS + 500);

		expect((await visit(`http://${host}/`)).response.status).toBe(200);
		await env.PAGES.delete(r2Keys.host(host));
		const removed = await msUntil(`http://${host}/`, (res) => res.status === 404);
		expect(removed).toBeLessThanOrEqual(TTL_MS + 500);
	});

	it("counts the TTL from the read from R2 when memory is refilled from the Cache API", async () => {
		const site = unique("site-refill");
		const host = `${site}.localhost`;
		await publish(site, host, { "": page("Old") });
		const readAt = Date.now();
		expect(await (await visit(`http://${host}/`)).response.text()).toContain("Old");
		// Most of the TTL later, a new isolate (empty memory) gets the mapping and manifest from
		// the Cache API: they may live only for what is left of the TTL.
		await new Promise((r) => setTimeout(r, TTL_MS - 1500));
		clearMemory();
		expect(await (await visit(`http://${host}/`)).response.text()).toContain("Old");
		// The publisher switches the manifest to a new version.
		const manifestKey = r2Keys.manifest(site);
		const manifest = (await (await env.PAGES.get(manifestKey))?.json()) as SiteManifest;
		const home = manifest.pages[""];
		if (!home) throw new Error("no home page published");
		const next = r2Keys.pageVersion(site, home.pageId, 2, "fedcba9876543210");
		await env.PAGES.put(next, page("New"));
		manifest.pages[""] = { ...home, version: 2, key: next, etag: `${site}-2` };
		await env.PAGES.put(manifestKey, JSON.stringify(manifest));
		await msUntil(`http://${host}/`, (_res, body) => body.includes("New"));
		expect(Date.now() - readAt).toBeLessThanOrEqual(TTL_MS + 1000);
	});
});

describe("memory under thousands of sites", () => {
	it("stays within its cap, evicting the least recently used sites, which still serve", async () => {
		const sites = Array.from({ length: 2000 }, (_, i) => `site-fill-${i}`);
		for (let i = 0; i < sites.length; i += 100) {
			await Promise.all(
				sites
					.slice(i, i + 100)
					.map((site) => publish(site, `${site}.localhost`, { "": page(site) })),
			);
		}
		// A small cap (256 KiB): a few hundred sites' worth, so most of the 2,000 must be evicted.
		const small: VisitOptions = { env: { MEMORY_CACHE_MIB: "0.25" } };
		const cap = 256 * 1024;
		for (const site of sites) {
			const { response } = await visit(`http://${site}.localhost/`, small);
			expect(response.status).toBe(200);
			expect(memoryStats().bytes).toBeLessThanOrEqual(cap);
			expect(memory.answers.stats().bytes).toBeLessThanOrEqual(cap / 4);
		}
		const stats = memoryStats();
		expect(stats.capBytes).toBe(cap);
		expect(stats.evictions).toBeGreaterThan(1000);
		// The latest sites are held, the first ones were evicted first.
		const last = sites.at(-1) ?? "";
		expect(memory.sites.has(r2Keys.manifest(last))).toBe(true);
		expect(memory.sites.has(r2Keys.manifest("site-fill-0"))).toBe(false);
		// An evicted site still serves (from the Cache API or R2) and comes back into memory.
		const again = await visit("http://site-fill-0.localhost/", small);
		expect(await again.response.text()).toContain("site-fill-0");
		expect(memory.sites.has(r2Keys.manifest("site-fill-0"))).toBe(true);
	}, 180_000);
});
