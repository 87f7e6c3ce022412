/**
 * Issue 19 in Chromium, the frame and account safety: the one-row header with its phone menu
 * (360 px, both languages), save results beside the Save button and in view, stale field errors
 * clearing, the confirm dialogs of "Take offline" and "Restore", toasts, the paid-plan note of
 * account deletion, the translated file picker, QR downloads, version changes — axe-clean with
 * the menu and dialogs open; screenshots at 360 and 1280 px in both languages saved under
 * /tmp/shots/i19/ux (and test-results/screenshots).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, stack, upgradeToPro, verifiedAccount } from "../support/api.ts";
import {
	logIn,
	newContext,
	SCREENSHOT_DIR,
	screenshot,
	seriousAxeViolations,
	sharedBrowser,
	skipE2E,
} from "../support/browser.ts";

type Api = Awaited<ReturnType<typeof verifiedAccount>>["api"];

const SHOTS = "/tmp/shots/i19/ux";

/** A verified account with a page of links, published twice with a link added in between. */
async function accountWithHistory() {
	const account = await verifiedAccount();
	const created = await account.api.call("POST /pages", { body: { title: "UX links" } });
	const pageId = created.body.page.id;
	const add = (title: string) =>
		account.api.call("POST /pages/:id/links", {
			params: { id: pageId },
			body: { title, url: `https://example.com/${title.toLowerCase()}` },
		});
	await add("Shop");
	await account.api.call("POST /pages/:id/publish", { params: { id: pageId } });
	await add("Tour");
	await account.api.call("POST /pages/:id/publish", { params: { id: pageId } });
	return { ...account, pageId };
}

/** Opens a screen and waits until its islands have loaded what they show. */
async function open(page: Page, path: string) {
	await page.goto(`${stack.urls.web}${path}`);
	await page.locator("main h1").first().waitFor();
	await expect
		.poll(() => page.locator('astro-island[ssr], main [aria-busy="true"], main .loading').count(), {
			timeout: 20_000,
		})
		.toBe(0);
}

/**
 * Logs in through the form in `lang`. A German screen needs a German account (the account's
 * language wins over the address), so the account is switched first.
 */
async function logInIn(page: Page, account: { email: string; api: Api }, lang: "en" | "de") {
	const res = await account.api.call("PATCH /me", { body: { locale: lang } });
	expect(res.status).toBe(200);
	if (lang === "en") return logIn(page, account.email);
	await page.goto(`${stack.urls.web}/de/login`);
	await page.getByLabel("E-Mail-Adresse").fill(account.email);
	await page.getByLabel("Passwort").fill(PASSWORD);
	await page.getByRole("button", { name: "Anmelden", exact: true }).click();
	await page.getByRole("heading", { name: "Ihre Seiten" }).waitFor();
}

async function expectAccessible(page: Page, label: string) {
	const violations = await seriousAxeViolations(page);
	expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** A full-page screenshot, kept under test-results and copied to /tmp/shots/i19/ux. */
async function shot(page: Page, name: string) {
	expect(await screenshot(page, `ux-${name}`)).toBeGreaterThan(10);
	mkdirSync(SHOTS, { recursive: true });
	copyFileSync(join(SCREENSHOT_DIR, `ux-${name}.png`), join(SHOTS, `${name}.png`));
}

/** Whether an element lies entirely inside the viewport. */
async function inView(page: Page, selector: string): Promise<boolean> {
	return page
		.locator(selector)
		.first()
		.evaluate((element) => {
			const { top, bottom } = element.getBoundingClientRect();
			return top >= 0 && bottom <= window.innerHeight;
		});
}

describe.skipIf(skipE2E)("issue 19: frame, feedback and account safety in Chromium", () => {
	const browser = sharedBrowser();
	let free: Awaited<ReturnType<typeof accountWithHistory>>;
	let pro: Awaited<ReturnType<typeof accountWithHistory>>;

	beforeAll(async () => {
		[free, pro] = await Promise.all([accountWithHistory(), accountWithHistory()]);
		await upgradeToPro(pro.api, "year");
		// On Pro every version is kept: a third one, with a link added.
		await pro.api.call("POST /pages/:id/links", {
			params: { id: pro.pageId },
			body: { title: "Merch", url: "https://example.com/merch" },
		});
		await pro.api.call("POST /pages/:id/publish", { params: { id: pro.pageId } });
	}, 150_000);

	it.each([
		["en", "", "Menu", "Main", "Profile"],
		["de", "/de", "Menü", "Hauptmenü", "Profil"],
	] as const)(
		"#19.3 %s: at 360 px the header is one row with a menu; Escape closes it",
		async (lang, prefix, menu, navName, profile) => {
			const context = await newContext(browser(), {
				locale: lang === "de" ? "de-DE" : "en-US",
				width: 360,
				height: 740,
			});
			const page = await context.newPage();
			await logInIn(page, free, lang);
			await open(page, `${prefix}/profile`);
			const banner = page.getByRole("banner");
			// One row: the header is as tall as its tallest control (the 44 px button), no wrapping.
			const height = await banner.evaluate((el) => el.getBoundingClientRect().height);
			expect(height).toBeLessThan(72);
			const toggle = banner.getByRole("button", { name: menu });
			expect(await toggle.getAttribute("aria-expanded")).toBe("false");
			expect(await page.getByRole("navigation", { name: navName }).isVisible()).toBe(false);
			await shot(page, `header-closed-${lang}-360`);

			// The menu opens and closes on the next render: waited for, not read at once.
			await toggle.click();
			await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("true");
			const nav = page.getByRole("navigation", { name: navName });
			await nav.waitFor();
			expect(await nav.getByRole("link", { name: profile }).getAttribute("aria-current")).toBe(
				"page",
			);
			await expectAccessible(page, `${lang} menu open`);
			await shot(page, `header-open-${lang}-360`);

			await page.keyboard.press("Escape");
			await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("false");
			await nav.waitFor({ state: "hidden" });
			await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(menu);

			// The menu's links lead where they say.
			await toggle.click();
			await nav.getByRole("link", { name: lang === "de" ? "Konto" : "Account" }).click();
			await page.waitForURL(`${stack.urls.web}${prefix}/account`);
			await free.api.call("PATCH /me", { body: { locale: "en" } });
			await context.close();
		},
		90_000,
	);

	it("#19.3 at 1280 px the navigation and actions stay in the header row, no menu button", async () => {
		const context = await newContext(browser(), { width: 1280, height: 800 });
		const page = await context.newPage();
		await logIn(page, free.email);
		const banner = page.getByRole("banner");
		expect(await banner.getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
		expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(true);
		expect(await banner.getByRole("button", { name: "Log out" }).isVisible()).toBe(true);
		expect(await banner.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(72);
		// The address-confirmation screen, open to anyone, shows the signed-in header to a
		// signed-in visitor (review L17).
		await page.goto(`${stack.urls.web}/verify-email`);
		await page.getByRole("navigation", { name: "Main" }).waitFor();
		expect(await banner.getByRole("button", { name: "Log out" }).isVisible()).toBe(true);
		await context.close();
	}, 60_000);

	it("#19.4 the save result appears beside Save, in view; a stale field error goes when the field changes", async () => {
		const context = await newContext(browser(), { width: 360, height: 740 });
		const page = await context.newPage();
		await logIn(page, free.email);
		await open(page, "/profile");
		const handle = page.getByLabel("Handle");
		await handle.fill("demo");
		await page.getByRole("button", { name: "Save profile" }).click();
		const taken = page.getByText("This handle is already taken. Please choose another one.");
		await taken.waitFor();
		// The eye is at the field that needs attention: focused, its reason in view (the summary
		// waits beside the Save button).
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("handle");
		expect(await inView(page, "#handle-error")).toBe(true);
		expect(await page.locator(".submit-row .notice-error").count()).toBe(1);
		await handle.fill("demo-x");
		expect(await taken.count()).toBe(0);
		expect(await handle.getAttribute("aria-invalid")).toBeNull();

		await handle.fill(`ux-${Date.now().toString(36)}`);
		await page.getByRole("button", { name: "Save profile" }).click();
		await page.locator(".submit-row .notice-success").waitFor();
		expect(await inView(page, ".submit-row .notice-success")).toBe(true);
		await shot(page, "profile-saved-en-360");
		await context.close();
	}, 60_000);

	it("#19.4 the footer says the service is not reachable when a call fails, not 'operational'", async () => {
		const context = await newContext(browser(), { width: 1280, height: 800 });
		const page = await context.newPage();
		await logIn(page, free.email);
		await open(page, "/account");
		await expect.poll(() => page.locator("#system-status").getAttribute("data-status")).toBe("ok");
		// A later call of the screen fails (the network drops): the status follows it.
		await page.route("**/api/v1/me", (route) => route.abort());
		await page.getByRole("button", { name: "Save language" }).click();
		await expect
			.poll(() => page.locator("#system-status").getAttribute("data-status"))
			.toBe("down");
		expect(await page.locator("#system-status").textContent()).toContain("cannot be reached");
		await context.close();
	}, 60_000);

	it("#19.8 'Take offline' asks first: Escape keeps the page live, confirming takes it offline", async () => {
		const context = await newContext(browser(), { width: 360, height: 740 });
		const page = await context.newPage();
		await logIn(page, free.email);
		await open(page, `/pages/edit?id=${free.pageId}`);
		await shot(page, "editor-free-en-360");
		// Since the editor's tabs (issue 19 item 1), publishing state and sharing are under "Share".
		await page.getByRole("tab", { name: "Share" }).click();
		await page.getByRole("button", { name: "Take offline" }).click();
		const dialog = page.getByRole("dialog", { name: "Take this page offline?" });
		await dialog.waitFor();
		await expectAccessible(page, "take-offline dialog");
		await shot(page, "confirm-offline-en-360");
		await page.keyboard.press("Escape");
		await dialog.waitFor({ state: "hidden" });
		expect(
			(await free.api.call("GET /pages/:id", { params: { id: free.pageId } })).body.page.status,
		).toBe("published");

		await page.getByRole("button", { name: "Take offline" }).click();
		await dialog.getByRole("button", { name: "Take offline" }).click();
		await page.getByText("Your page is offline now.").waitFor();
		expect(
			(await free.api.call("GET /pages/:id", { params: { id: free.pageId } })).body.page.status,
		).toBe("draft");
		await context.close();
	}, 60_000);

	it("#19.8 versions show what changed and a preview; 'Restore' asks first (Pro, German)", async () => {
		const context = await newContext(browser(), { locale: "de-DE", width: 1280, height: 800 });
		const page = await context.newPage();
		await logInIn(page, pro, "de");
		await open(page, `/de/pages/edit?id=${pro.pageId}`);
		await page.getByRole("tab", { name: "Versionen" }).click();
		// Free kept only its last version (2); version 3, published on Pro, added "Merch".
		const third = page.locator('[data-version="3"]');
		await third.getByText("Neu: „Merch“").waitFor();
		expect(await third.textContent()).toContain("3 Einträge");
		expect(
			await page
				.locator('[data-version="2"]')
				.getByRole("link", { name: "Version 2 ansehen (öffnet in einem neuen Tab)" })
				.getAttribute("href"),
		).toBe(`/api/v1/pages/${pro.pageId}/versions/2/preview`);

		await shot(page, "editor-pro-de-1280");
		await page.getByRole("button", { name: "Version 2 wiederherstellen" }).click();
		const dialog = page.getByRole("dialog", { name: "Version 2 wiederherstellen?" });
		await dialog.waitFor();
		await expectAccessible(page, "restore dialog (de)");
		await shot(page, "confirm-restore-de-1280");
		await dialog.getByRole("button", { name: "Abbrechen" }).click();
		expect(
			(await pro.api.call("GET /pages/:id", { params: { id: pro.pageId } })).body.page
				.publishedVersion,
		).toBe(3);

		await page.getByRole("button", { name: "Version 2 wiederherstellen" }).click();
		await dialog.getByRole("button", { name: "Wiederherstellen und veröffentlichen" }).click();
		await page.getByText("Version 2 ist wieder online.").waitFor();
		expect(
			(await pro.api.call("GET /pages/:id", { params: { id: pro.pageId } })).body.page
				.publishedVersion,
		).toBe(2);

		// The QR code comes as PNG and as SVG (under "Teilen").
		await page.getByRole("tab", { name: "Teilen" }).click();
		const png = page.getByRole("link", { name: "PNG herunterladen" });
		expect(await png.getAttribute("href")).toMatch(/^data:image\/png;base64,/);
		expect(
			await page.getByRole("link", { name: "SVG herunterladen" }).getAttribute("href"),
		).toMatch(/^data:image\/svg\+xml/);
		await pro.api.call("PATCH /me", { body: { locale: "en" } });
		await context.close();
	}, 90_000);

	it("#19.8 deleting a Pro account says the subscription ends at once without refund; sessions show 'active now'", async () => {
		for (const [lang, prefix, text, now] of [
			["en", "", "cancelled immediately", "Active now"],
			["de", "/de", "sofort gekündigt", "Gerade aktiv"],
		] as const) {
			for (const width of [360, 1280]) {
				const context = await newContext(browser(), {
					locale: lang === "de" ? "de-DE" : "en-US",
					width,
					height: width === 360 ? 740 : 800,
				});
				const page = await context.newPage();
				await logInIn(page, pro, lang);
				await open(page, `${prefix}/account`);
				const note = page.locator("[data-subscription-note]");
				expect(await note.textContent()).toContain(text);
				expect(await page.locator("[data-session-id]").first().textContent()).toContain(now);
				await expectAccessible(page, `${lang} account ${width}`);
				await shot(page, `account-pro-${lang}-${width}`);
				await context.close();
			}
		}
		await pro.api.call("PATCH /me", { body: { locale: "en" } });
		// The Free account has no subscription to mention.
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, free.email);
		await open(page, "/account");
		expect(await page.locator("[data-subscription-note]").count()).toBe(0);
		await context.close();
	}, 120_000);

	it("#19.9 the file picker is styled and speaks the dashboard's language", async () => {
		for (const [lang, prefix, choose, none] of [
			["en", "", "Choose a file", "No file chosen"],
			["de", "/de", "Datei auswählen", "Keine Datei ausgewählt"],
		] as const) {
			for (const width of [360, 1280]) {
				const context = await newContext(browser(), {
					locale: lang === "de" ? "de-DE" : "en-US",
					width,
					height: width === 360 ? 740 : 800,
				});
				const page = await context.newPage();
				await logInIn(page, free, lang);
				await open(page, `${prefix}/profile`);
				await page.getByText(choose, { exact: true }).first().waitFor();
				await page.getByText(none, { exact: true }).first().waitFor();
				// The native control is there (keyboard, screen readers) but not shown.
				const input = page.locator('input[type="file"]').first();
				expect(await input.evaluate((el) => getComputedStyle(el).opacity)).toBe("0");
				await input.setInputFiles({
					name: "me.png",
					mimeType: "image/png",
					buffer: Buffer.from(
						"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
						"base64",
					),
				});
				await page.getByText("me.png", { exact: true }).waitFor();
				await expectAccessible(page, `${lang} profile ${width}`);
				await shot(page, `profile-${lang}-${width}`);
				await context.close();
			}
		}
		await free.api.call("PATCH /me", { body: { locale: "en" } });
	}, 120_000);

	it("#19.4 a signed-out device is confirmed by a toast in view (role=status)", async () => {
		const other = await newContext(browser());
		await logIn(await other.newPage(), free.email);
		const context = await newContext(browser(), { width: 360, height: 740 });
		const page = await context.newPage();
		await logIn(page, free.email);
		await open(page, "/account");
		const rows = page.locator("[data-session-id]");
		await expect.poll(() => rows.count()).toBeGreaterThan(1);
		await rows
			.nth(1)
			.getByRole("button", { name: /^Sign out/ })
			.click();
		const toast = page.locator("#toasts-status .toast");
		await toast.waitFor();
		expect(await toast.textContent()).toContain("The device has been signed out.");
		expect(await inView(page, "#toasts-status .toast")).toBe(true);
		await shot(page, "toast-en-360");
		await other.close();
		await context.close();
	}, 60_000);

	it("#19.3 signed-out screens: one row, axe-clean in both languages, screenshots", async () => {
		for (const prefix of ["", "/de"]) {
			for (const width of [360, 1280]) {
				const context = await newContext(browser(), { width, height: width === 360 ? 740 : 800 });
				const page = await context.newPage();
				await open(page, `${prefix}/login`);
				const height = await page
					.getByRole("banner")
					.evaluate((el) => el.getBoundingClientRect().height);
				expect(height).toBeLessThan(72);
				await expectAccessible(page, `${prefix}/login ${width}`);
				await shot(page, `login-${prefix ? "de" : "en"}-${width}`);
				await context.close();
			}
		}
	}, 90_000);
});
