/**
 * Issue 18 over HTTP against the running stack: a design whose text does not contrast with its
 * background is refused naming the pair; a passing custom design is published and its colours are
 * in the page's CSS; a link with a thumbnail shows its image from the site's `/_assets/` with
 * width and height, and the Domain Worker serves those bytes; the page stays valid HTML.
 */
import { HtmlValidate } from "html-validate";
import { describe, expect, it } from "vitest";
import { getWithHost, stack, verifiedAccount } from "../support/api.ts";

// A real 3×2 PNG (libvips).
const PNG = Uint8Array.from(
	Buffer.from(
		"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
		"base64",
	),
);

const DESIGN = {
	background: "#fdf6e3",
	text: "#073642",
	button: "#6c2f8f",
	buttonText: "#ffffff",
	buttonShape: "pill",
	font: "serif",
} as const;

const domainGet = (url: string) => getWithHost(url, stack.ports.domain);

describe("custom design and thumbnails", () => {
	it("refuses white text on yellow naming the pair, publishes a passing design and a thumbnail", async () => {
		const { api } = await verifiedAccount();
		const { page } = (await api.call("POST /pages", { body: { title: "Designed" } })).body;
		const params = { id: page.id };

		const refused = await api.call("PATCH /pages/:id", {
			params,
			body: { design: { ...DESIGN, text: "#ffffff", background: "#ffff00" } },
		});
		expect(refused.status).toBe(400);
		expect(refused.error?.code).toBe("validation_failed");
		expect(Object.keys(refused.error?.fields ?? {}).sort()).toEqual([
			"design.background",
			"design.text",
		]);
		const unchanged = await api.call("GET /pages/:id", { params });
		expect(unchanged.body.page.design.background).not.toBe("#ffff00");

		const saved = await api.call("PATCH /pages/:id", { params, body: { design: DESIGN } });
		expect(saved.status).toBe(200);
		expect(saved.body.page.design).toEqual({ ...DESIGN, backgroundImage: false });

		const { link } = (
			await api.call("POST /pages/:id/links", {
				params,
				body: { title: "Shop", url: "https://example.com/shop" },
			})
		).body;
		const thumb = await api.call("PUT /pages/:id/links/:linkId/thumbnail", {
			params: { id: page.id, linkId: link.id },
			body: PNG,
			contentType: "image/png",
		});
		expect(thumb.status).toBe(200);
		const path = thumb.body.link.thumbnailUrl ?? "";
		expect(path).toMatch(/^\/_assets\/[0-9a-f]{64}\.png$/);

		const published = await api.call("POST /pages/:id/publish", { params });
		expect(published.status).toBe(200);
		const res = await domainGet(published.body.url);
		expect(res.status).toBe(200);
		const html = await res.text();
		const css = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? "";
		for (const colour of [DESIGN.background, DESIGN.text, DESIGN.button, DESIGN.buttonText]) {
			expect(css).toContain(colour);
		}
		expect(css).not.toMatch(/@font-face|@import/);
		const img = new RegExp(
			`<img class="thumb" src="(http://[a-z0-9-]+\\.localhost:${stack.ports.domain}${path})" alt="" width="40" height="40"/?>`,
		).exec(html);
		expect(img, html).not.toBeNull();
		const report = await new HtmlValidate({ extends: ["html-validate:standard"] }).validateString(
			html,
		);
		expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
		const served = await domainGet(img?.[1] ?? "");
		expect(served.status).toBe(200);
		expect(served.headers.get("content-type")).toBe("image/png");
	});
});
