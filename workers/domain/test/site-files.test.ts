/**
 * robots.txt and the sitemap of each site (issue 18.6): made from the site's manifest, the pages
 * on its canonical origin, only that site's pages, on every host of the site, 404 elsewhere.
 */

import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { NOT_FOUND_HTML } from "../src/respond";
import { publish } from "./support/publish";
import { visit } from "./support/visit";

const PUBLISHED = "2026-11-20T09:30:00.000Z";

const get = (host: string, path: string, init: RequestInit = {}) =>
	exports.default.fetch(
		new Request(`http://${host}${path}`, { ...init, headers: { Host: host, ...init.headers } }),
	);

beforeAll(async () => {
	const pages = {
		"": "<!doctype html><title>Cara</title>",
		shop: "<p>shop</p>",
		talks: "<p>t</p>",
	};
	const options = { canonicalBase: "https://cara.example", publishedAt: PUBLISHED };
	await publish("site-seo-cara", "cara.localhost", pages, options);
	// The same site on its custom domain: same manifest, same answers.
	await publish("site-seo-cara", "cara.example", pages, { ...options, kind: "custom" });
	await publish(
		"site-seo-dan",
		"dan.localhost",
		{ "": "<p>dan</p>", secret: "<p>s</p>" },
		{
			canonicalBase: "https://dan.smartpages.example",
		},
	);
	// A manifest from before issue 18: no canonical origin recorded.
	await publish("site-seo-old", "old.localhost", { "": "<p>old</p>" });
	// A tampered or odd origin is never echoed.
	await publish(
		"site-seo-odd",
		"odd.localhost",
		{ "": "<p>odd</p>" },
		{
			canonicalBase: "javascript:alert(1)//",
		},
	);
	await publish("site-seo-empty", "empty.localhost", {});
	// Not a string at all: the pages still serve, the files use the request's origin.
	await publish(
		"site-seo-num",
		"num.localhost",
		{ "": "<p>num</p>" },
		{
			canonicalBase: 42 as unknown as string,
		},
	);
});

describe("#18.6 /sitemap.xml", () => {
	it("lists every published page of the site on its canonical origin, home first", async () => {
		const res = await get("cara.localhost", "/sitemap.xml");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
		expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
		expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(res.headers.get("Set-Cookie")).toBeNull();
		expect(await res.text()).toBe(
			`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://cara.example/</loc><lastmod>${PUBLISHED}</lastmod></url>
<url><loc>https://cara.example/shop</loc><lastmod>${PUBLISHED}</lastmod></url>
<url><loc>https://cara.example/talks</loc><lastmod>${PUBLISHED}</lastmod></url>
</urlset>
`,
		);
	});

	it("is the same on the custom domain, and holds only that site's pages", async () => {
		const onCustom = await (await get("cara.example", "/sitemap.xml")).text();
		expect(onCustom).toBe(await (await get("cara.localhost", "/sitemap.xml")).text());
		const dan = await (await get("dan.localhost", "/sitemap.xml")).text();
		expect([...dan.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual([
			"https://dan.smartpages.example/",
			"https://dan.smartpages.example/secret",
		]);
		expect(dan).not.toContain("cara");
		expect(onCustom).not.toContain("dan");
	});

	it("falls back to the request's origin without a (usable) canonical origin", async () => {
		const old = await (await get("old.localhost", "/sitemap.xml")).text();
		expect(old).toContain("<loc>http://old.localhost/</loc>");
		const odd = await (await get("odd.localhost", "/sitemap.xml")).text();
		expect(odd).toContain("<loc>http://odd.localhost/</loc>");
		expect(odd).not.toContain("javascript");
		expect((await get("num.localhost", "/")).status).toBe(200);
		expect(await (await get("num.localhost", "/robots.txt")).text()).toContain(
			"Sitemap: http://num.localhost/sitemap.xml",
		);
	});
});

describe("#18.6 /robots.txt", () => {
	it("allows the pages, keeps crawlers off the click redirects and names the sitemap", async () => {
		const res = await get("cara.localhost", "/robots.txt");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
		expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
		expect(await res.text()).toBe(
			"User-agent: *\nDisallow: /_l/\n\nSitemap: https://cara.example/sitemap.xml\n",
		);
	});
});

describe("#18.6 HTTP semantics of both", () => {
	it.each(["/robots.txt", "/sitemap.xml"])("%s: HEAD has the headers and no body", async (path) => {
		const get200 = await get("cara.localhost", path);
		const head = await get("cara.localhost", path, { method: "HEAD" });
		expect(head.status).toBe(200);
		expect(await head.text()).toBe("");
		expect(head.headers.get("Content-Type")).toBe(get200.headers.get("Content-Type"));
		expect(head.headers.get("Content-Length")).toBe(
			String((await get200.arrayBuffer()).byteLength),
		);
	});

	it.each(["/robots.txt", "/sitemap.xml"])(
		"%s: a strong ETag, 304 when it matches",
		async (path) => {
			const first = await get("cara.localhost", path);
			const etag = first.headers.get("ETag") ?? "";
			expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
			const again = await get("cara.localhost", path, { headers: { "If-None-Match": etag } });
			expect(again.status).toBe(304);
			expect(again.headers.get("ETag")).toBe(etag);
			const dan = await get("dan.localhost", path, { headers: { "If-None-Match": etag } });
			expect(dan.status).toBe(200);
		},
	);

	it.each(["/robots.txt", "/sitemap.xml"])(
		"%s: 404 on an unknown host and for a site with nothing published",
		async (path) => {
			for (const host of ["nobody.localhost", "empty.localhost"]) {
				const res = await get(host, path);
				expect(res.status, host).toBe(404);
				expect(await res.text()).toBe(NOT_FOUND_HTML);
			}
		},
	);

	it("other spellings are not site files", async () => {
		for (const path of ["/robots.txt/", "/Sitemap.xml", "/sitemap.xml.gz", "/robots"]) {
			expect((await get("cara.localhost", path)).status, path).toBe(404);
		}
	});

	it("neither is counted as a view", async () => {
		for (const path of ["/robots.txt", "/sitemap.xml"]) {
			const { response, points } = await visit(`http://cara.localhost${path}`);
			expect(response.status).toBe(200);
			expect(points).toEqual([]);
		}
	});
});
