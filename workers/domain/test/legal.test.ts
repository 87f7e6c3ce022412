/**
 * The generated legal pages (issue 18.5): a site whose manifest names them serves /impressum,
 * /datenschutz, /imprint and /privacy (200, its stylesheet's hash in the CSP, the badge as on
 * every page, not counted as views), they win over a page with the same slug, and a site without
 * them answers 404 there. A manifest may only name legal objects of its own site.
 */
import { env } from "cloudflare:workers";
import { r2Keys } from "@smartpages/contracts/r2";
import { beforeAll, describe, expect, it } from "vitest";
import { publish } from "./support/publish";
import { visit } from "./support/visit";

const PATHS = ["impressum", "datenschutz", "imprint", "privacy"] as const;
const legalHtml = (path: string) => `<!doctype html><title>${path}</title><h1>${path}</h1>`;

beforeAll(async () => {
	await publish(
		"site-legal-anna",
		"legal-anna.localhost",
		{ "": "<!doctype html><title>Anna</title>", imprint: "<!doctype html><title>Mine</title>" },
		{
			legal: Object.fromEntries(PATHS.map((p) => [p, legalHtml(p)])),
			branding: { url: "https://smartpages.example/", lang: "de" },
		},
	);
	await publish("site-legal-none", "legal-none.localhost", {
		"": "<!doctype html><title>Bob</title>",
	});
});

describe("legal pages", () => {
	it.each(PATHS)("serves /%s with 200 from a site with legal", async (path) => {
		const { response, points } = await visit(`http://legal-anna.localhost/${path}`);
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
		expect(response.headers.get("Content-Security-Policy")).toContain("'sha256-legal'");
		const body = await response.text();
		expect(body).toContain(`<h1>${path}</h1>`);
		expect(body).toContain("Erstellt mit SmartPages");
		// Not a view of the customer's content.
		expect(points).toEqual([]);
	});

	it("answers 304 to its validator", async () => {
		const first = await visit("http://legal-anna.localhost/impressum");
		const etag = first.response.headers.get("ETag") ?? "";
		const again = await visit("http://legal-anna.localhost/impressum", {
			headers: { "If-None-Match": etag },
		});
		expect(again.response.status).toBe(304);
	});

	it.each(PATHS)("answers 404 at /%s for a site without legal", async (path) => {
		const { response } = await visit(`http://legal-none.localhost/${path}`);
		expect(response.status).toBe(404);
	});

	it("refuses a manifest naming another site's legal object", async () => {
		await publish("site-legal-evil", "legal-evil.localhost", {
			"": "<!doctype html><title>E</title>",
		});
		const key = r2Keys.manifest("site-legal-evil");
		const manifest = (await (await env.PAGES.get(key))?.json()) as Record<string, unknown>;
		manifest.legal = {
			impressum: { key: r2Keys.legalPage("site-legal-anna", "x"), etag: "e", styleHash: "s" },
		};
		await env.PAGES.put(key, JSON.stringify(manifest));
		const { response } = await visit("http://legal-evil.localhost/impressum");
		expect(response.status).toBe(404);
	});
});
