/**
 * Issue 18 in Chromium: the published page is axe-clean (no serious or critical violation,
 * colour contrast included) in each of the six presets and in a custom design with every option
 * changed — a link thumbnail and a background image included — as visitors get it from the
 * Domain Worker.
 */
import { THEME_DESIGNS, THEMES } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { stack, verifiedAccount } from "../support/api.ts";
import { newContext, seriousAxeViolations, sharedBrowser, skipE2E } from "../support/browser.ts";

const PNG = Uint8Array.from(
	Buffer.from(
		"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
		"base64",
	),
);

describe.skipIf(skipE2E)("published page design in Chromium", () => {
	const browser = sharedBrowser();

	it("is axe-clean in all six presets and a custom design", async () => {
		const { api } = await verifiedAccount();
		await api.call("PATCH /profile", { body: { displayName: "Design Test", bio: "All presets" } });
		const { page } = (await api.call("POST /pages", { body: { title: "Designs" } })).body;
		const params = { id: page.id };
		for (const title of ["Shop", "Blog"]) {
			const { link } = (
				await api.call("POST /pages/:id/links", {
					params,
					body: { title, url: `https://example.com/${title.toLowerCase()}` },
				})
			).body;
			if (title === "Shop") {
				await api.call("PUT /pages/:id/links/:linkId/thumbnail", {
					params: { id: page.id, linkId: link.id },
					body: PNG,
					contentType: "image/png",
				});
			}
		}
		const context = await newContext(browser());
		const tab = await context.newPage();
		const variants = [
			...THEMES.map((theme) => ({ label: theme, body: { theme } })),
			{
				label: "custom",
				body: {
					theme: "dark" as const,
					design: {
						...THEME_DESIGNS.dark,
						background: "#fdf6e3",
						text: "#073642",
						button: "#6c2f8f",
						buttonText: "#ffffff",
						buttonShape: "pill" as const,
						font: "serif" as const,
					},
				},
			},
		];
		for (const variant of variants) {
			expect((await api.call("PATCH /pages/:id", { params, body: variant.body })).status).toBe(200);
			if (variant.label === "custom") {
				await api.call("PUT /pages/:id/background", {
					params,
					body: PNG,
					contentType: "image/png",
				});
			}
			const published = await api.call("POST /pages/:id/publish", { params });
			expect(published.status).toBe(200);
			await tab.goto(published.body.url.replace(/:\d+\//, `:${stack.ports.domain}/`));
			await tab.locator("h1").waitFor();
			const violations = await seriousAxeViolations(tab);
			expect(violations, `${variant.label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
		}
		await context.close();
	}, 180_000);
});
