/**
 * HSTS on published pages (issue 14.15): HTTPS answers pin the browser to HTTPS for the host
 * itself only. A custom domain is in the customer's own zone, so includeSubDomains (or preload)
 * would force HTTPS onto hostnames of theirs that SmartPages does not serve. Plain-HTTP answers
 * carry no HSTS (RFC 6797).
 */

import { env, exports } from "cloudflare:workers";
import { type HostMapping, r2Keys, type SiteManifest } from "@smartpages/contracts/r2";
import { beforeAll, describe, expect, it } from "vitest";

const HTML = "<!doctype html><title>Shop</title><h1>Shop</h1>";

async function publish(siteId: string, host: string, kind: HostMapping["kind"]) {
	const mapping: HostMapping = { siteId, kind };
	await env.PAGES.put(r2Keys.host(host), JSON.stringify(mapping));
	const key = r2Keys.pageVersion(siteId, "page-home", 1, "0123456789abcdef");
	await env.PAGES.put(key, HTML);
	const manifest: SiteManifest = {
		siteId,
		branding: null,
		pages: {
			"": {
				pageId: "page-home",
				version: 1,
				key,
				etag: `${siteId}-1`,
				styleHash: "sha256-abc",
				publishedAt: new Date().toISOString(),
			},
		},
		assets: [],
		updatedAt: new Date().toISOString(),
	};
	await env.PAGES.put(r2Keys.manifest(siteId), JSON.stringify(manifest));
}

const get = (url: string, host: string) =>
	exports.default.fetch(new Request(url, { headers: { Host: host } }));

beforeAll(async () => {
	await publish("site-hsts", "hsts.localhost", "subdomain");
	await publish("site-shop", "shop.customer.example", "custom");
});

describe("Strict-Transport-Security", () => {
	it.each([
		["a subdomain page", "https://hsts.localhost/", "hsts.localhost", 200],
		["a custom-domain page", "https://shop.customer.example/", "shop.customer.example", 200],
		["the 404 page", "https://hsts.localhost/nope", "hsts.localhost", 404],
		["an unknown host", "https://nobody.customer.example/", "nobody.customer.example", 404],
	])(
		"#14.15 is sent over HTTPS on %s, without includeSubDomains",
		async (_n, url, host, status) => {
			const res = await get(url, host);
			expect(res.status).toBe(status);
			expect(res.headers.get("Strict-Transport-Security")).toBe("max-age=63072000");
		},
	);

	it("is not sent over plain HTTP", async () => {
		const res = await get("http://hsts.localhost/", "hsts.localhost");
		expect(res.status).toBe(200);
		expect(res.headers.get("Strict-Transport-Security")).toBeNull();
		const missing = await get("http://hsts.localhost/nope", "hsts.localhost");
		expect(missing.headers.get("Strict-Transport-Security")).toBeNull();
	});
});
