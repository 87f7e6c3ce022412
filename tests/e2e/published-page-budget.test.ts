/**
 * Issue 18's acceptance for the whole page, in Chromium against the Domain Worker: a home page
 * with 20 links, a section header, a highlighted link with a thumbnail, eight social icons and
 * the legal footer — in each of the six presets and a custom design — renders from one request
 * (no stylesheet, script or font is fetched; images are not needed for first render), carries no
 * JavaScript, weighs at most 14 KB of gzip HTML+CSS, is valid HTML and axe-clean.
 */
import { gzipSync } from "node:zlib";
import { THEME_DESIGNS, THEMES } from "@smartpages/contracts";
import { HtmlValidate } from "html-validate";
import { describe, expect, it } from "vitest";
import { proAccount, stack } from "../support/api.ts";
import { newContext, seriousAxeViolations, sharedBrowser, skipE2E } from "../support/browser.ts";

const PNG = Uint8Array.from(
	Buffer.from(
		"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
		"base64",
	),
);
const FIRST_ROUND_TRIP = 14 * 1024;
const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

describe.skipIf(skipE2E)("the full home page stays within the budget in Chromium", () => {
	const browser = sharedBrowser();

	it("20 links, header, thumbnail, socials and legal footer: one request, no script, ≤ 14 KB, valid, axe-clean", async () => {
		const { api } = await proAccount();
		const profile = await api.call("PATCH /profile", {
			body: {
				displayName: "Lena Beispiel",
				bio: "Keramik aus Leipzig — Kurse, Shop und Termine.",
				socials: [
					{ network: "instagram", url: "@lena.keramik" },
					{ network: "tiktok", url: "lenakeramik" },
					{ network: "youtube", url: "https://youtube.com/@lenakeramik" },
					{ network: "mastodon", url: "@lena@mastodon.social" },
					{ network: "bluesky", url: "lena.bsky.social" },
					{ network: "pinterest", url: "lenakeramik" },
					{ network: "whatsapp", url: "+49 151 23456789" },
					{ network: "email", url: "lena@example.org" },
				],
				legal: {
					name: "Lena Beispiel",
					street: "Karl-Liebknecht-Straße 12",
					postalCode: "04107",
					city: "Leipzig",
					country: "DE",
					email: "lena@example.org",
					vatId: "DE123456789",
				},
			},
		});
		expect(profile.status, profile.text).toBe(200);
		const { page } = (await api.call("POST /pages", { body: { title: "Lena Keramik" } })).body;
		const params = { id: page.id };
		await api.call("POST /pages/:id/links", {
			params,
			body: { kind: "header", title: "Kurse und Shop" },
		});
		for (let i = 1; i <= 19; i++) {
			const { link } = (
				await api.call("POST /pages/:id/links", {
					params,
					body: {
						title: `Angebot ${i}: Drehkurs für Einsteiger am Wochenende`,
						url: `https://example.com/kurse/${i}`,
						...(i === 1 ? { highlight: true } : {}),
					},
				})
			).body;
			if (i === 1) {
				const thumb = await api.call("PUT /pages/:id/links/:linkId/thumbnail", {
					params: { id: page.id, linkId: link.id },
					body: PNG,
					contentType: "image/png",
				});
				expect(thumb.status).toBe(200);
			}
		}
		const variants = [
			...THEMES.map((theme) => ({ label: theme, body: { theme } })),
			{
				label: "custom",
				body: {
					theme: "light" as const,
					design: {
						...THEME_DESIGNS.light,
						background: "#fdf6e3",
						text: "#073642",
						button: "#6c2f8f",
						buttonText: "#ffffff",
						buttonShape: "pill" as const,
						font: "rounded" as const,
					},
				},
			},
		];
		const context = await newContext(browser());
		const tab = await context.newPage();
		for (const variant of variants) {
			expect((await api.call("PATCH /pages/:id", { params, body: variant.body })).status).toBe(200);
			const published = await api.call("POST /pages/:id/publish", { params });
			expect(published.status).toBe(200);
			const url = published.body.url.replace(/:\d+\//, `:${stack.ports.domain}/`);

			const fetched: string[] = [];
			const listen = (request: { resourceType(): string; url(): string }) => {
				fetched.push(`${request.resourceType()} ${request.url()}`);
			};
			tab.on("request", listen);
			const response = await tab.goto(url, { waitUntil: "load" });
			tab.off("request", listen);
			// The document itself, then only images (the thumbnail); nothing that blocks rendering.
			expect(fetched[0], variant.label).toMatch(/^document /);
			expect(
				fetched.filter((r) => /^(stylesheet|script|font|fetch|xhr) /.test(r)),
				variant.label,
			).toEqual([]);

			const html = (await response?.text()) ?? "";
			expect(gzipSync(html).byteLength, `${variant.label}: gzip bytes`).toBeLessThanOrEqual(
				FIRST_ROUND_TRIP,
			);
			expect(html).not.toMatch(/<script\b/i);
			const report = await validator.validateString(html);
			const problems = report.results.flatMap((r) =>
				r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
			);
			expect(problems, variant.label).toEqual([]);
			expect(await tab.locator("h2").first().textContent()).toBe("Kurse und Shop");
			expect(await tab.locator("nav a").count()).toBe(19);
			expect(await tab.locator("img.thumb").count()).toBe(1);
			expect(await tab.locator(".socials a").count()).toBe(8);
			// The footer links the legal pages in the account's language.
			expect(
				await tab.locator('footer a[href="/impressum"], footer a[href="/imprint"]').count(),
			).toBe(1);
			const violations = await seriousAxeViolations(tab);
			expect(violations, `${variant.label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
		}
		await context.close();
	}, 240_000);
});
