/**
 * The visitors' 404 page in the site's language (issue 19, review L16): a known site's manifest
 * names the account's language; an unknown host answers in the visitor's preferred one of German
 * and English, and in both when the request names neither.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { NOT_FOUND_HTML, notFoundHtml, preferredLocale } from "../src/not-found";
import { publish } from "./support/publish";

const get = (host: string, path: string, language?: string) =>
	exports.default.fetch(
		new Request(`http://${host}${path}`, {
			headers: { Host: host, ...(language ? { "Accept-Language": language } : {}) },
		}),
	);

beforeAll(async () => {
	await publish(
		"site-nf-de",
		"nf-de.localhost",
		{ "": "<!doctype html><title>De</title>" },
		{
			locale: "de",
		},
	);
	await publish("site-nf-old", "nf-old.localhost", { "": "<!doctype html><title>Old</title>" });
});

describe("the 404 page's language", () => {
	it("#19.9 a German site's missing page says so in German, whatever the visitor's browser", async () => {
		const res = await get("nf-de.localhost", "/nope", "en-US,en;q=0.9");
		expect(res.status).toBe(404);
		expect(res.headers.get("Content-Language")).toBe("de");
		const body = await res.text();
		expect(body).toBe(notFoundHtml("de"));
		expect(body).toContain('<html lang="de">');
		expect(body).toContain("Seite nicht gefunden");
		expect(body).not.toContain("Page not found");
	});

	it("an unknown host (or a manifest without a language) follows Accept-Language", async () => {
		expect(await (await get("nobody-nf.localhost", "/", "de-AT,de;q=0.9")).text()).toBe(
			notFoundHtml("de"),
		);
		expect(await (await get("nf-old.localhost", "/x", "fr-FR,en-GB;q=0.8,de;q=0.5")).text()).toBe(
			notFoundHtml("en"),
		);
	});

	it("without a known language it speaks both, German first, the English part marked", async () => {
		const res = await get("nobody-nf.localhost", "/", "fr-FR");
		expect(res.headers.get("Content-Language")).toBeNull();
		const body = await res.text();
		expect(body).toBe(NOT_FOUND_HTML);
		expect(body.indexOf("Seite nicht gefunden")).toBeLessThan(body.indexOf("Page not found"));
		expect(body).toContain('<div lang="en">');
	});
});

describe("preferredLocale", () => {
	it.each([
		[null, null],
		["", null],
		["fr", null],
		["de", "de"],
		["en-US,de;q=0.9", "en"],
		["de;q=0.4,en;q=0.6", "en"],
		["en;q=0,de;q=0.1", "de"],
		["*", null],
		["de;q=abc", null],
	] as const)("%s → %s", (header, locale) => {
		expect(preferredLocale(header)).toBe(locale);
	});
});
