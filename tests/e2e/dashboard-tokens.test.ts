/**
 * Account → API tokens and /docs/api in Chromium (issue 21): a token is created with its
 * permissions and expiry, its secret is shown once and works as a bearer token, the list shows it,
 * and revoking after the confirmation ends it; the reference page lists the routes with their
 * permissions. Both screens without serious axe violations, in English and German, with
 * screenshots at 360 and 1280 px (test-results/screenshots/tokens-*).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { stack, verifiedAccount } from "../support/api.ts";
import {
	logIn,
	newContext,
	SCREENSHOT_DIR,
	screenshot,
	seriousAxeViolations,
	sharedBrowser,
	skipE2E,
} from "../support/browser.ts";

async function settled(page: Page) {
	await page.locator("main h1").first().waitFor();
	await expect
		.poll(() => page.locator('astro-island[ssr], main [aria-busy="true"], main .loading').count(), {
			timeout: 20_000,
		})
		.toBe(0);
}

const profileWith = (secret: string) =>
	fetch(`${stack.urls.core}/api/v1/profile`, { headers: { Authorization: `Bearer ${secret}` } });

describe.skipIf(skipE2E)("API tokens in the dashboard", () => {
	const browser = sharedBrowser();

	it("creates a token, shows its secret once, lists it, and revokes it after asking", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/account`);
		await settled(page);
		const section = page.locator("section.api-tokens");
		await expect.poll(() => section.getByText("You have no API tokens.").count()).toBe(1);
		await section.getByText(/does not revoke tokens/).waitFor();

		// Without a permission the form says what is missing.
		await section.getByLabel("Name", { exact: true }).fill("Shop sync");
		await section.getByRole("button", { name: "Create token" }).click();
		await section.getByText("Choose at least one permission.").waitFor();

		await section.getByLabel("Read the profile").check();
		await section.getByLabel("Read pages and links").check();
		await section.getByLabel("Expires").selectOption("d30");
		await section.getByRole("button", { name: "Create token" }).click();
		const secretField = section.getByLabel("The new token");
		await secretField.waitFor();
		const secret = await secretField.inputValue();
		expect(secret).toMatch(/^sp_[A-Za-z0-9_-]{43}$/);
		expect((await profileWith(secret)).status).toBe(200);
		expect(await seriousAxeViolations(page)).toEqual([]);
		await screenshot(page, "tokens-secret-1280");

		await section.getByRole("button", { name: "I have copied it" }).click();
		await expect.poll(() => secretField.count()).toBe(0);
		const row = section.locator("li[data-token-id]");
		await expect.poll(() => row.count()).toBe(1);
		expect(await row.textContent()).toContain("Read the profile, Read pages and links");

		await section.getByRole("button", { name: "Revoke token Shop sync" }).click();
		const dialog = page.getByRole("dialog");
		await dialog.getByRole("button", { name: "Revoke" }).click();
		await section.getByText("The token was revoked. It no longer works.").waitFor();
		expect((await profileWith(secret)).status).toBe(401);
		await context.close();
	}, 120_000);

	it("Account → API tokens and /docs/api in both languages at 360 and 1280 px", async () => {
		const account = await verifiedAccount();
		await account.api.call("POST /me/tokens", {
			body: {
				name: "Statistics sheet",
				scopes: ["stats:read", "pages:read"],
				expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
			},
		});
		for (const width of [360, 1280]) {
			const context = await newContext(browser(), { width, height: 800 });
			const page = await context.newPage();
			// logIn waits for the English dashboard.
			await account.api.call("PATCH /me", { body: { locale: "en" } });
			await logIn(page, account.email);
			for (const prefix of ["", "/de"]) {
				const lang = prefix ? "de" : "en";
				// Signed in, the account's language decides which one the dashboard shows.
				await account.api.call("PATCH /me", { body: { locale: lang } });
				await page.goto(`${stack.urls.web}${prefix}/account`);
				await settled(page);
				const section = page.locator("section.api-tokens");
				await section.locator("li[data-token-id]").waitFor();
				await section.scrollIntoViewIfNeeded();
				expect(await seriousAxeViolations(page)).toEqual([]);
				await screenshot(page, `tokens-account-${lang}-${width}`);
				mkdirSync(SCREENSHOT_DIR, { recursive: true });
				await section.screenshot({
					path: join(SCREENSHOT_DIR, `tokens-section-${lang}-${width}.png`),
				});
				await page.goto(`${stack.urls.web}${prefix}/docs/api`);
				await settled(page);
				await page.locator("#post-me-tokens").waitFor();
				expect(await page.locator("article.operation").count()).toBeGreaterThan(50);
				// The reference is long: its first screen, not the whole page.
				mkdirSync(SCREENSHOT_DIR, { recursive: true });
				await page.screenshot({ path: join(SCREENSHOT_DIR, `tokens-docs-${lang}-${width}.png`) });
				expect(await seriousAxeViolations(page)).toEqual([]);
			}
			await context.close();
		}
	}, 180_000);
});
