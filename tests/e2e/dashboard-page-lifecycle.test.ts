/**
 * A page's life in the editor after the issue 19 review (new-user pass L2 and M9), in Chromium:
 * taking a live page offline is confirmed first and afterwards reads "Offline", not "a draft not
 * visible to anyone yet"; deleting the home page asks which page becomes home, and that page is the
 * home page afterwards (the site's "/" never falls to whichever page Core would promote).
 */
import { describe, expect, it } from "vitest";
import { proAccount, stack } from "../support/api.ts";
import {
	logIn,
	newContext,
	seriousAxeViolations,
	sharedBrowser,
	skipE2E,
} from "../support/browser.ts";

describe.skipIf(skipE2E)("a page taken offline and a home page deleted (issue 19)", () => {
	const browser = sharedBrowser();

	it("says Offline after taking a live page offline, and deleting home hands '/' to the chosen page", async () => {
		const { api, email } = await proAccount();
		const home = (await api.call("POST /pages", { body: { title: "Start" } })).body.page;
		await api.call("POST /pages/:id/links", {
			params: { id: home.id },
			body: { title: "Shop", url: "https://example.com/shop" },
		});
		expect((await api.call("POST /pages/:id/publish", { params: { id: home.id } })).status).toBe(
			200,
		);
		const older = (await api.call("POST /pages", { body: { title: "Workshops" } })).body.page;
		const chosen = (await api.call("POST /pages", { body: { title: "Tour" } })).body.page;
		expect(home.isHome).toBe(true);

		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, email);
		await page.goto(`${stack.urls.web}/pages/edit?id=${home.id}`);
		await page.getByRole("tab", { name: "Share" }).click();
		await page.getByRole("button", { name: "Take offline" }).click();
		const dialog = page.getByRole("dialog", { name: "Take this page offline?" });
		await dialog.getByRole("button", { name: "Take offline" }).click();
		await expect
			.poll(() => page.locator(".publish-state").textContent(), { timeout: 15_000 })
			.toContain("Offline – visitors don't see this page");
		await expect.poll(() => page.getByText("This page is offline").count()).toBe(1);
		expect(await page.getByText("not visible to anyone yet").count()).toBe(0);
		expect((await api.call("GET /pages/:id", { params: { id: home.id } })).body.page.status).toBe(
			"draft",
		);
		// A fresh load of the editor knows it too (from the version history).
		await page.reload();
		await expect
			.poll(() => page.locator(".publish-state").textContent(), { timeout: 15_000 })
			.toContain("Offline – visitors don't see this page");

		// Deleting the home page: the choice of its successor, preselected to the oldest other page.
		await page.getByRole("tab", { name: "Settings" }).click();
		await page.getByRole("button", { name: "Delete page" }).click();
		const successor = page.getByLabel("Which page becomes your home page?");
		await expect.poll(() => successor.inputValue()).toBe(older.id);
		expect(await seriousAxeViolations(page)).toEqual([]);
		await successor.selectOption(chosen.id);
		await page.getByRole("button", { name: "Yes, delete this page" }).click();
		await page.waitForURL((url) => !url.pathname.includes("/pages/edit"));
		const pages = (await api.call("GET /pages")).body.pages;
		expect(pages.map((p) => p.id).sort()).toEqual([older.id, chosen.id].sort());
		expect(pages.find((p) => p.isHome)?.id).toBe(chosen.id);
		await context.close();
	}, 120_000);
});
