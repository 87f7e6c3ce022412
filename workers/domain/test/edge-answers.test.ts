/**
 * Edge answers that stay correct (issue 15.9): the validator of a branded page names the badge it
 * carries, a corrupt host mapping or manifest in R2 is logged with its key (the visitor still gets
 * the 404 page), and page views are logged at a sampled rate instead of one line per view.
 */

import { env, exports } from "cloudflare:workers";
import { r2Keys } from "@smartpages/contracts/r2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NOT_FOUND_HTML } from "../src/respond";
import { publish } from "./support/publish";

const HTML = "<!doctype html><title>Shop</title><body><h1>Shop</h1></body>";

const get = (host: string, path = "/", headers: Record<string, string> = {}) =>
	exports.default.fetch(
		new Request(`http://${host}${path}`, { headers: { Host: host, ...headers } }),
	);

/** The JSON log lines written while `run` runs, from every console level. */
async function linesDuring(run: () => Promise<void>): Promise<Record<string, unknown>[]> {
	const lines: Record<string, unknown>[] = [];
	const collect = (...args: unknown[]) => {
		for (const arg of args) {
			if (typeof arg !== "string") continue;
			try {
				lines.push(JSON.parse(arg) as Record<string, unknown>);
			} catch {
				// not one of ours
			}
		}
	};
	vi.spyOn(console, "log").mockImplementation(collect);
	vi.spyOn(console, "warn").mockImplementation(collect);
	vi.spyOn(console, "error").mockImplementation(collect);
	await run();
	return lines;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("branded validators", () => {
	it("#15.9 the branded ETag changes with the badge's language and link", async () => {
		const site = `site-badge-${crypto.randomUUID().slice(0, 8)}`;
		const host = `${site}.localhost`;
		await publish(
			site,
			host,
			{ "": HTML },
			{ branding: { url: "https://app.example/", lang: "en" } },
		);
		const english = await get(host);
		expect(await english.text()).toContain("Made with SmartPages");
		const englishTag = english.headers.get("ETag") ?? "";

		// The account switches its language: the same page object, a German badge.
		await publish(
			site,
			host,
			{ "": HTML },
			{ branding: { url: "https://app.example/", lang: "de" } },
		);
		await new Promise((r) => setTimeout(r, Number(env.MANIFEST_CACHE_SECONDS) * 1000 + 500));
		const german = await get(host, "/", { "If-None-Match": englishTag });
		expect(german.status).toBe(200);
		expect(await german.text()).toContain("Erstellt mit SmartPages");
		const germanTag = german.headers.get("ETag") ?? "";
		expect(germanTag).not.toBe(englishTag);
		expect((await get(host, "/", { "If-None-Match": germanTag })).status).toBe(304);

		// Another badge link (a different dashboard address) is another body too.
		await publish(
			site,
			host,
			{ "": HTML },
			{ branding: { url: "https://other.example/", lang: "de" } },
		);
		await new Promise((r) => setTimeout(r, Number(env.MANIFEST_CACHE_SECONDS) * 1000 + 500));
		const moved = await get(host, "/", { "If-None-Match": germanTag });
		expect(moved.status).toBe(200);
		expect(moved.headers.get("ETag")).not.toBe(germanTag);
	});
});

describe("corrupt objects", () => {
	it.each([
		["a host mapping that is not JSON", "mapping", "{not json"],
		["a host mapping of the wrong shape", "mapping", JSON.stringify({ siteId: 7 })],
		["a manifest that is not JSON", "manifest", "<html>"],
		["a manifest of the wrong shape", "manifest", JSON.stringify({ siteId: "x", pages: null })],
		[
			"a manifest whose page has no key",
			"manifest",
			JSON.stringify({ siteId: "x", branding: null, pages: { "": { etag: "e" } }, assets: [] }),
		],
	])("#15.9 %s is logged with its key and answers the 404 page", async (_name, which, body) => {
		const site = `site-corrupt-${crypto.randomUUID().slice(0, 8)}`;
		const host = `${site}.localhost`;
		await publish(site, host, { "": HTML });
		const key = which === "mapping" ? r2Keys.host(host) : r2Keys.manifest(site);
		await env.PAGES.put(key, body);
		let res: Response | undefined;
		const lines = await linesDuring(async () => {
			res = await get(host);
		});
		expect(res?.status).toBe(404);
		expect(await res?.text()).toBe(NOT_FOUND_HTML);
		const logged = lines.filter((l) => l.msg === "corrupt r2 object");
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatchObject({ level: "error", key });
	});

	it("#15.9 an absent host is a quiet 404 (nothing is corrupt)", async () => {
		let status = 0;
		const lines = await linesDuring(async () => {
			status = (await get("nobody-at-all.localhost")).status;
		});
		expect(status).toBe(404);
		expect(lines.filter((l) => l.msg === "corrupt r2 object")).toEqual([]);
	});
});

describe("view log", () => {
	it("#15.9 views are logged at the configured sample rate, not one line per view", async () => {
		const rate = Number(env.VIEW_LOG_SAMPLE_RATE);
		expect(rate).toBeGreaterThan(0);
		expect(rate).toBeLessThanOrEqual(0.01);
		const site = `site-views-${crypto.randomUUID().slice(0, 8)}`;
		const host = `${site}.localhost`;
		await publish(site, host, { "": HTML });
		// A random source that walks evenly through [0, 1): exactly `rate` of the views are drawn.
		let draw = 0;
		vi.spyOn(Math, "random").mockImplementation(() => (draw++ % 200) / 200);
		const views = 200;
		const lines = await linesDuring(async () => {
			for (let i = 0; i < views; i++) expect((await get(host)).status).toBe(200);
		});
		const logged = lines.filter((l) => l.msg === "view");
		expect(logged).toHaveLength(Math.round(views * rate));
		expect(logged[0]).toMatchObject({
			level: "info",
			host,
			status: 200,
			kind: "page",
			sampleRate: rate,
		});
	});
});
