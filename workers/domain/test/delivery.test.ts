/**
 * Delivery semantics: host → site → page, 404 for everything unknown, validators and headers.
 * R2 is written here by the test (standing in for the publisher); the worker only reads.
 */

import { env, exports } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts/r2";
import { beforeAll, describe, expect, it } from "vitest";
import { NOT_FOUND_HTML, NOT_FOUND_STYLE_HASH } from "../src/respond";
import { publish } from "./support/publish";

const HOME = "<!doctype html><title>Anna</title><h1>Anna's links</h1>";
const SHOP = "<!doctype html><title>Shop</title><h1>Anna's shop</h1>";
const BOB = "<!doctype html><title>Bob</title><body><h1>Bob</h1></body>";

const get = (host: string, path = "/", init: RequestInit = {}) =>
	exports.default.fetch(
		new Request(`http://${host}${path}`, { ...init, headers: { Host: host, ...init.headers } }),
	);

beforeAll(async () => {
	await publish("site-anna", "anna.localhost", { "": HOME, shop: SHOP });
	await publish("site-bob", "bob.localhost", { "": BOB });
});

describe("host and path resolution", () => {
	it("serves the home page at / and other pages at /{slug}", async () => {
		expect(await (await get("anna.localhost")).text()).toBe(HOME);
		expect(await (await get("anna.localhost", "/shop")).text()).toBe(SHOP);
		expect(await (await get("anna.localhost", "/shop/")).text()).toBe(SHOP);
	});

	it("normalises the Host header: case, port and trailing dot", async () => {
		for (const host of ["ANNA.localhost", "anna.localhost:8788", "anna.localhost."]) {
			const res = await exports.default.fetch(
				new Request("http://x/", { headers: { Host: host } }),
			);
			expect(await res.text()).toBe(HOME);
		}
	});

	it("answers unknown hosts, paths and look-alike hosts with the small 404 page", async () => {
		const cases: [string, string][] = [
			["nobody.localhost", "/"],
			["anna.localhost", "/nope"],
			["anna.localhost", "/../bob"],
			["anna.localhost", "/%2e%2e/bob"],
			["anna.localhost", "/shop%2fx"],
			["аnna.localhost", "/"], // Cyrillic а
			["anna.localhost", "/_assets/../../hosts/bob.localhost"],
		];
		for (const [host, path] of cases) {
			const res = await exports.default.fetch(
				new Request(`http://anna.localhost${path}`, { headers: { Host: host } }),
			);
			expect(res.status, `${host}${path}`).toBe(404);
			const body = await res.text();
			expect(body).toBe(NOT_FOUND_HTML);
			expect(body).not.toContain("Bob");
		}
	});

	it("never serves another tenant's page through a path", async () => {
		const res = await get("anna.localhost", "/bob");
		expect(res.status).toBe(404);
	});
});

describe("HTTP semantics", () => {
	it("sets ETag, Cache-Control and the security headers", async () => {
		const res = await get("anna.localhost");
		expect(res.status).toBe(200);
		expect(res.headers.get("ETag")).toBe('"site-anna-page-home-1"');
		expect(res.headers.get("Cache-Control")).toBe("public, max-age=0, must-revalidate");
		expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
		expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
		const csp = res.headers.get("Content-Security-Policy") ?? "";
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain("style-src 'sha256-abc'");
		expect(csp).not.toContain("script-src");
	});

	it("answers 304 to a matching If-None-Match, 200 otherwise", async () => {
		const first = await get("anna.localhost");
		const etag = first.headers.get("ETag") ?? "";
		const again = await get("anna.localhost", "/", { headers: { "If-None-Match": etag } });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe("");
		const weak = await get("anna.localhost", "/", { headers: { "If-None-Match": `W/${etag}` } });
		expect(weak.status).toBe(304);
		const other = await get("anna.localhost", "/", { headers: { "If-None-Match": '"old"' } });
		expect(other.status).toBe(200);
	});

	it("answers HEAD with headers and no body", async () => {
		const res = await get("anna.localhost", "/", { method: "HEAD" });
		expect(res.status).toBe(200);
		expect(res.headers.get("ETag")).toBeTruthy();
		expect(await res.text()).toBe("");
	});

	it.each(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])("answers %s with 405", async (method) => {
		const res = await get("anna.localhost", "/", { method });
		expect(res.status).toBe(405);
		expect(res.headers.get("Allow")).toBe("GET, HEAD");
		// Security headers on every answer, refusals included.
		expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
		expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(res.headers.get("Referrer-Policy")).toBeTruthy();
	});

	it("serves assets by content hash with an immutable cache policy", async () => {
		const name = `${"a".repeat(64)}.png`;
		await env.PAGES.put(r2Keys.asset("site-dora", name), new Uint8Array([137, 80, 78, 71]));
		await publish("site-dora", "dora.localhost", { "": HOME }, { assets: [name] });
		const res = await get("dora.localhost", `/_assets/${name}`);
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("image/png");
		expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
		const bad = await get("dora.localhost", `/_assets/${"a".repeat(63)}.png`);
		expect(bad.status).toBe(404);
	});

	it("#14.12 serves an asset only while the site's manifest names it", async () => {
		const name = `${"b".repeat(64)}.png`;
		// Stored for the site, but not (or no longer) referenced by its published state.
		await env.PAGES.put(r2Keys.asset("site-bob", name), new Uint8Array([137, 80, 78, 71]));
		const res = await get("bob.localhost", `/_assets/${name}`);
		expect(res.status).toBe(404);
		expect(await res.text()).toBe(NOT_FOUND_HTML);
		// Nor through another tenant's host that names an asset of the same name.
		await publish("site-erin", "erin.localhost", { "": HOME }, { assets: [name] });
		expect((await get("erin.localhost", `/_assets/${name}`)).status).toBe(404);
	});

	it("#14.12 a removed asset stops being served within the manifest's cache lifetime, edge cache or not", async () => {
		const name = `${"c".repeat(64)}.png`;
		const key = r2Keys.asset("site-carol", name);
		await env.PAGES.put(key, new Uint8Array([137, 80, 78, 71]));
		await publish("site-carol", "carol.localhost", { "": HOME }, { assets: [name] });
		// Served once: the bytes now sit in the edge cache, keyed by their R2 key, for a year.
		expect((await get("carol.localhost", `/_assets/${name}`)).status).toBe(200);
		// The publisher removes it: a manifest without it, then the object.
		await publish("site-carol", "carol.localhost", { "": HOME }, { assets: [] });
		await env.PAGES.delete(key);
		const ttl = Number(env.MANIFEST_CACHE_SECONDS) * 1000;
		const started = Date.now();
		let status = 200;
		while (Date.now() - started < ttl + 2000) {
			status = (await get("carol.localhost", `/_assets/${name}`)).status;
			if (status === 404) break;
			await new Promise((r) => setTimeout(r, 250));
		}
		expect(status).toBe(404);
		expect(Date.now() - started).toBeLessThan(ttl + 1000);
	});

	it("serves the new version when a publish pruned the one a cached manifest still names", async () => {
		// The load test's race: a visitor's manifest (read in flight, or from the edge cache) names
		// a version that the next publish has just pruned from R2.
		await publish("site-dave", "dave.localhost", { "": HOME, shop: SHOP });
		// Reading the shop caches the site manifest; the home page's object is not cached yet.
		expect((await get("dave.localhost", "/shop")).status).toBe(200);
		const manifestKey = r2Keys.manifest("site-dave");
		const manifest = (await (await env.PAGES.get(manifestKey))?.json()) as SiteManifest;
		const home = manifest.pages[""];
		if (!home) throw new Error("no home page published");
		const next = r2Keys.pageVersion("site-dave", home.pageId, 2, "fedcba9876543210");
		await env.PAGES.put(next, BOB);
		manifest.pages[""] = { ...home, version: 2, key: next, etag: "site-dave-home-2" };
		await env.PAGES.put(manifestKey, JSON.stringify(manifest));
		await env.PAGES.delete(home.key);
		const res = await get("dave.localhost", "/");
		expect(res.status).toBe(200);
		expect(await res.text()).toBe(BOB);
	});

	it("adds the badge when the site's plan shows it, with its own validator", async () => {
		await publish(
			"site-free",
			"free.localhost",
			{ "": BOB },
			{ branding: { url: "https://app.example/", lang: "en" } },
		);
		const res = await get("free.localhost");
		const body = await res.text();
		expect(body).toContain(
			'<p class="branding"><a class="badge" href="https://app.example/">Made with SmartPages</a></p></body>',
		);
		expect(res.headers.get("ETag")).toMatch(/^"site-free-page-home-1-b-en-[0-9a-f]{8}"$/);
		expect(res.headers.get("Content-Length")).toBe(
			String(new TextEncoder().encode(body).byteLength),
		);
		expect(await (await get("bob.localhost")).text()).not.toContain("badge");
	});

	it("the 404 page's CSP hash matches its inline style", async () => {
		const style = /<style>([^<]*)<\/style>/.exec(NOT_FOUND_HTML)?.[1] ?? "";
		const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style));
		const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
		expect(NOT_FOUND_STYLE_HASH).toBe(`sha256-${hash}`);
	});
});
