/**
 * The walking skeleton in a real browser: the dashboard shell through the web app (which reaches
 * Core over the same-origin /api proxy) and the seeded demo page on the Domain Worker.
 */
import { describe, expect, inject, it } from "vitest";
import { getWithHost } from "../support/api.ts";
import { sharedBrowser, skipE2E } from "../support/browser.ts";

const stack = inject("stack");

describe.skipIf(skipE2E)("in Chromium", () => {
	const browser = sharedBrowser();

	it("renders the dashboard shell, which reaches Core through /api", async () => {
		const page = await browser().newPage();
		await page.goto(stack.urls.web);
		await expect.poll(() => page.title(), { timeout: 10_000 }).toContain("SmartPages");
		const status = page.locator("#system-status");
		await expect.poll(() => status.getAttribute("data-status"), { timeout: 10_000 }).toBe("ok");
		await page.close();
	});

	it("opens the demo page published by the seed on the Domain Worker", async () => {
		const page = await browser().newPage();
		const response = await page.goto(`http://demo.localhost:${stack.ports.domain}/`);
		expect(response?.status()).toBe(200);
		// Issue 19: the demo is a musician's page from the starter template, with an avatar.
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Lena Vogt");
		expect(await page.locator("img").first().getAttribute("src")).toMatch(/\/_assets\//);
		const links = page.getByRole("navigation", { name: "Links" }).getByRole("link");
		expect(await links.count()).toBe(5);
		// Through the Domain Worker's counted redirect (issue 17.2) to the link's URL.
		const href = (await links.first().getAttribute("href")) ?? "";
		expect(href).toMatch(/^\/_l\/ln_[0-9a-z]{20}$/);
		const click = await getWithHost(
			`http://demo.localhost:${stack.ports.domain}${href}`,
			stack.ports.domain,
		);
		expect(click.status).toBe(302);
		expect(click.headers.get("Location")).toBe("https://example.com/album");
		await page.close();
	});
});
