/**
 * Issue 18.4 and 18.5 in Chromium: a published page with social icons (above and below the
 * links) and the legal footer, and its Impressum and Datenschutz pages, have no serious or
 * critical axe-core violation in any of the six themes; the icons' links are announced by their
 * networks' names.
 */
import { describe, expect, it } from "vitest";
import { THEMES } from "../../packages/contracts/src/schemas/profile.ts";
import { stack, verifiedAccount } from "../support/api.ts";
import { seriousAxeViolations, sharedBrowser, skipE2E } from "../support/browser.ts";

describe.skipIf(skipE2E)("published social icons and legal pages in Chromium", () => {
	const browser = sharedBrowser();

	it("are axe-clean in every theme and named for screen readers", async () => {
		const { api } = await verifiedAccount();
		const profile = await api.call("PATCH /profile", {
			body: {
				displayName: "Anna Beispiel",
				socials: [
					{ network: "instagram", url: "@anna_k" },
					{ network: "mastodon", url: "@anna@mastodon.social" },
					{ network: "whatsapp", url: "+49 151 23456789" },
					{ network: "email", url: "anna@example.org" },
					{ network: "website", url: "example.org" },
				],
				legal: {
					name: "Anna Beispiel",
					street: "Musterstraße 1",
					postalCode: "10115",
					city: "Berlin",
					country: "DE",
					email: "anna@example.org",
				},
			},
		});
		expect(profile.status, profile.text).toBe(200);
		const created = await api.call("POST /pages", { body: { title: "Links" } });
		const id = created.body.page.id;
		await api.call("POST /pages/:id/links", {
			params: { id },
			body: { title: "Portfolio", url: "https://example.com/" },
		});
		const page = await browser().newPage();
		for (const [i, theme] of THEMES.entries()) {
			await api.call("PATCH /pages/:id", { params: { id }, body: { theme } });
			await api.call("PATCH /profile", {
				body: { socialsPlacement: i % 2 === 0 ? "bottom" : "top" },
			});
			const published = await api.call("POST /pages/:id/publish", { params: { id } });
			expect(published.status).toBe(200);
			const home = published.body.url;
			expect(new URL(home).port).toBe(String(stack.ports.domain));
			for (const path of ["", "impressum", "datenschutz"]) {
				const response = await page.goto(`${home}${path}`);
				expect(response?.status(), `${theme} /${path}`).toBe(200);
				expect(await seriousAxeViolations(page), `${theme} /${path}`).toEqual([]);
			}
			await page.goto(home);
			const socials = page.getByRole("list", { name: "Social media" });
			for (const name of ["Instagram", "Mastodon", "WhatsApp", "E-mail", "Website"])
				expect(await socials.getByRole("link", { name }).count(), name).toBe(1);
			expect(await page.getByRole("link", { name: "Imprint" }).count()).toBe(1);
		}
		await page.close();
	});
});
