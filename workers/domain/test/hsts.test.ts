/**
 * HSTS on published pages (issue 14.15): HTTPS answers pin the browser to HTTPS for the host
 * itself only. A custom domain is in the customer's own zone, so includeSubDomains (or preload)
 * would force HTTPS onto hostnames of theirs that SmartPages does not serve. Plain-HTTP answers
 * carry no HSTS (RFC 6797).
 */

import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { publish } from "./support/publish";

const HTML = "<!doctype html><title>Shop</title><h1>Shop</h1>";

const get = (url: string, host: string) =>
	exports.default.fetch(new Request(url, { headers: { Host: host } }));

beforeAll(async () => {
	await publish("site-hsts", "hsts.localhost", { "": HTML });
	await publish("site-shop", "shop.customer.example", { "": HTML }, { kind: "custom" });
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
