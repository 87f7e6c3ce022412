/**
 * The dashboard's languages in Chromium: a German marketing deep link shows German and signs up
 * a German account with plan and campaign; the browser's language picks German on plain paths;
 * the account's language wins once signed in and can be switched.
 */
import { describe, expect, it } from "vitest";
import { mailTo, PASSWORD, stack, uniqueEmail, verifiedAccount } from "../support/api.ts";
import { newContext, pageApi, sharedBrowser, skipE2E } from "../support/browser.ts";

describe.skipIf(skipE2E)("dashboard languages in Chromium", () => {
	const browser = sharedBrowser();

	it("shows German for /de/signup?plan=pro and passes plan and campaign to the account", async () => {
		// An English browser: the /de path alone decides.
		const context = await newContext(browser(), { locale: "en-US", width: 375, height: 812 });
		const page = await context.newPage();
		await page.goto(
			`${stack.urls.web}/de/signup?plan=pro&utm_source=newsletter&utm_medium=email&utm_campaign=launch`,
		);
		expect(await page.locator("html").getAttribute("lang")).toBe("de");
		await page.getByRole("heading", { name: "Ihr SmartPages-Konto erstellen" }).waitFor();
		await page.getByText("Sie haben SmartPages Pro gewählt.").waitFor();
		expect(await page.title()).toBe("Registrieren · SmartPages");

		const email = uniqueEmail("e2e-de");
		await page.getByLabel("E-Mail-Adresse").fill(email);
		await page.getByLabel("Passwort").fill(PASSWORD);
		await page.getByRole("button", { name: "Konto erstellen" }).click();

		await page.waitForURL(`${stack.urls.web}/de/?plan=pro`);
		await page.getByRole("heading", { name: "Ihre Seiten" }).waitFor();
		// Until the address is confirmed, the banner says how the way to Pro continues.
		await page
			.getByText("Der Link in dieser E-Mail führt Sie danach direkt zur Bezahlung von Pro.")
			.waitFor();
		await page.getByRole("heading", { name: "Neue Seite erstellen" }).waitFor();
		// On a phone the navigation is behind the header's menu button (issue 19).
		await page.getByRole("button", { name: "Menü" }).click();
		expect(await page.getByRole("navigation", { name: "Hauptmenü" }).isVisible()).toBe(true);

		const exported = await pageApi(page)("GET /me/export");
		if (!exported.ok) throw new Error(`GET /me/export answered ${exported.status}`);
		const data = exported.data;
		expect(data.user.locale).toBe("de");
		expect(data.user.attribution).toEqual({
			utm_source: "newsletter",
			utm_medium: "email",
			utm_campaign: "launch",
			plan: "pro",
		});
		// The confirmation mail is German as well.
		await mailTo(email, /bestätigen/i);
		await context.close();
	}, 90_000);

	it("picks German from the browser on plain paths, and the switch goes back to English", async () => {
		const context = await newContext(browser(), { locale: "de-DE", width: 375, height: 812 });
		const page = await context.newPage();
		await page.goto(`${stack.urls.web}/login?next=%2Fprofile`);
		await page.waitForURL(`${stack.urls.web}/de/login?next=%2Fprofile`);
		await page.getByRole("heading", { name: "Bei SmartPages anmelden" }).waitFor();

		// The link works before the page's script has loaded too (then without the query).
		await page.getByRole("link", { name: "English" }).click();
		await page.waitForURL(/\/login(\?next=%2Fprofile)?$/);
		await page.getByRole("heading", { name: "Log in to SmartPages" }).waitFor();
		// The choice is remembered for plain paths.
		await page.goto(`${stack.urls.web}/forgot-password`);
		await page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
		expect(page.url()).toBe(`${stack.urls.web}/forgot-password`);
		await context.close();
	}, 60_000);

	it("follows the account's language once signed in, and switching changes the account", async () => {
		const account = await verifiedAccount();
		// A German browser, an English account: the account wins.
		const context = await newContext(browser(), { locale: "de-DE", width: 375, height: 812 });
		const page = await context.newPage();
		await page.goto(`${stack.urls.web}/de/login`);
		await page.getByLabel("E-Mail-Adresse").fill(account.email);
		await page.getByLabel("Passwort").fill(PASSWORD);
		await page.getByRole("button", { name: "Anmelden", exact: true }).click();
		await page.waitForURL(`${stack.urls.web}/`);
		await page.getByRole("heading", { name: "Your pages" }).waitFor();

		await page.goto(`${stack.urls.web}/account`);
		await page.getByRole("heading", { name: "Signed-in devices" }).waitFor();
		await page.getByRole("combobox", { name: "Language" }).selectOption("de");
		await page.getByRole("button", { name: "Save language" }).click();
		await page.waitForURL(`${stack.urls.web}/de/account`);
		await page.getByRole("heading", { name: "Angemeldete Geräte" }).waitFor();
		const me = await account.api.call("GET /me");
		expect(me.body.user.locale).toBe("de");

		// Dates are written the German way.
		const meta = await page.locator("[data-session-id] .row-meta").first().textContent();
		expect(meta).toMatch(/Angemeldet am \d{2}\.\d{2}\.\d{4}|Angemeldet am \d{1,2}\. \S+ \d{4}/);

		// The header switch changes the account's language too (on a phone, inside the menu).
		await page.getByRole("banner").getByRole("button", { name: "Menü" }).click();
		await page.getByRole("banner").getByRole("button", { name: "English" }).click();
		await page.waitForURL(`${stack.urls.web}/account`);
		await page.getByRole("heading", { name: "Signed-in devices" }).waitFor();
		await expect.poll(async () => (await account.api.call("GET /me")).body.user.locale).toBe("en");
		await context.close();
	}, 90_000);
});
