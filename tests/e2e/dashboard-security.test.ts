/**
 * Account → Security in Chromium (issue 20): a passkey added in the dashboard with Chromium's
 * virtual authenticator (DevTools Protocol `WebAuthn.addVirtualAuthenticator`), logging out and
 * signing in with it from the login page; two-factor sign-in set up from the QR screen's key with
 * codes computed here, the recovery codes shown once, and the login's second step. Axe-clean
 * (no serious or critical violation) in English and German.
 */
import { base32Decode, totpCode, totpStep } from "@smartpages/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PASSWORD, stack, verifiedAccount } from "../support/api.ts";
import {
	logIn,
	newContext,
	pageApi,
	screenshot,
	seriousAxeViolations,
	sharedBrowser,
	skipE2E,
} from "../support/browser.ts";

async function codeAt(secret: string, delta = 0): Promise<string> {
	const bytes = base32Decode(secret);
	if (!bytes) throw new Error("not base32");
	return totpCode(bytes, totpStep(Date.now()) + delta);
}

/** Logs out with the header's button and waits for the login page. */
async function logOut(page: Page, label: string): Promise<void> {
	// On a phone the header's actions sit behind its menu button (issue 19 item 3).
	const menu = page.getByRole("button", { name: /^(Menu|Menü)$/ });
	if (await menu.isVisible()) await menu.click();
	await page.getByRole("button", { name: label, exact: true }).first().click();
	await page.waitForURL(/\/login\?notice=logged-out$/);
}

/** A platform authenticator with resident keys and user verification, always present. */
async function virtualAuthenticator(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send("WebAuthn.enable");
	await cdp.send("WebAuthn.addVirtualAuthenticator", {
		options: {
			protocol: "ctap2",
			transport: "internal",
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true,
		},
	});
}

describe.skipIf(skipE2E)("Account → Security in Chromium", () => {
	const browser = sharedBrowser();

	it("adds a passkey, logs out and signs in with it", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await virtualAuthenticator(page);
		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/account`);
		await page.getByRole("heading", { name: "Passkeys" }).waitFor();
		await page.getByText("You have no passkeys yet.").waitFor();
		await page.getByLabel("Name of the new passkey").fill("Chromium");
		await page.getByRole("button", { name: "Add a passkey" }).click();
		await page.getByText("The passkey was added.").waitFor();
		await page.locator("[data-passkey-id]").getByText("Chromium").waitFor();
		expect(await seriousAxeViolations(page)).toEqual([]);
		expect(await screenshot(page, "security-passkey-added")).toBeGreaterThan(0);

		await logOut(page, "Log out");
		await page.getByRole("button", { name: "Sign in with a passkey" }).click();
		await page.getByRole("heading", { name: "Your pages" }).waitFor();
		const me = await pageApi(page)("GET /me");
		expect(me.ok && me.data.user.email).toBe(account.email);
		await context.close();
	}, 120_000);

	it("sets up two-factor sign-in and asks for a code at the next login", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/account`);
		await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
		await page.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
		const secret = ((await page.locator(".totp-secret").textContent()) ?? "").replace(/\s/g, "");
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(await seriousAxeViolations(page)).toEqual([]);
		await page.getByLabel("Code from the app").fill(await codeAt(secret, -1));
		await page.locator("#totp-enable-password").fill(PASSWORD);
		await page.getByRole("button", { name: "Turn on", exact: true }).click();
		await page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
		expect(await page.locator(".recovery-list li").count()).toBe(10);
		expect(await seriousAxeViolations(page)).toEqual([]);
		expect(await screenshot(page, "security-recovery-codes")).toBeGreaterThan(0);
		await page.getByRole("button", { name: "I have saved them" }).click();
		await page.getByText(/Two-factor sign-in is on\. 10 unused recovery codes left\./).waitFor();

		await logOut(page, "Log out");
		await page.getByLabel("E-mail address").fill(account.email);
		await page.getByLabel("Password").fill(PASSWORD);
		await page.getByRole("button", { name: "Log in" }).click();
		await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
		expect(await seriousAxeViolations(page)).toEqual([]);
		expect(await screenshot(page, "login-mfa-en-1280")).toBeGreaterThan(0);
		await page.getByLabel("Code from the app").fill(await codeAt(secret, 0));
		await page.getByRole("button", { name: "Continue" }).click();
		await page.getByRole("heading", { name: "Your pages" }).waitFor();
		await context.close();
	}, 120_000);

	it("is axe-clean in German at 360 and 1280 px: the security settings and the login's second step", async () => {
		for (const width of [360, 1280]) {
			const account = await verifiedAccount();
			expect((await account.api.call("PATCH /me", { body: { locale: "de" } })).status).toBe(200);
			const context = await newContext(browser(), { width, height: width === 360 ? 740 : 800 });
			const page = await context.newPage();
			await page.goto(`${stack.urls.web}/de/login`);
			await page.getByLabel("E-Mail-Adresse").fill(account.email);
			await page.getByLabel("Passwort").fill(PASSWORD);
			await page.getByRole("button", { name: "Anmelden", exact: true }).click();
			await page.waitForURL(/\/de\/$/);
			await page.goto(`${stack.urls.web}/de/account`);
			await page.getByRole("heading", { name: "Zwei-Faktor-Anmeldung" }).waitFor();
			await page.getByRole("button", { name: "Zwei-Faktor-Anmeldung einrichten" }).click();
			await page.getByRole("img", { name: "QR-Code für Ihre Authenticator-App" }).waitFor();
			expect(await seriousAxeViolations(page)).toEqual([]);
			expect(await screenshot(page, `security-setup-de-${width}`)).toBeGreaterThan(0);
			const secret = ((await page.locator(".totp-secret").textContent()) ?? "").replace(/\s/g, "");
			await page.getByLabel("Code aus der App").fill(await codeAt(secret, -1));
			await page.locator("#totp-enable-password").fill(PASSWORD);
			await page.getByRole("button", { name: "Einschalten" }).click();
			await page.getByRole("heading", { name: "Ihre Wiederherstellungscodes" }).waitFor();
			expect(await seriousAxeViolations(page)).toEqual([]);
			expect(await screenshot(page, `security-codes-de-${width}`)).toBeGreaterThan(0);

			await logOut(page, "Abmelden");
			await page.getByRole("button", { name: "Mit Passkey anmelden" }).waitFor();
			expect(await seriousAxeViolations(page)).toEqual([]);
			expect(await screenshot(page, `login-passkey-de-${width}`)).toBeGreaterThan(0);
			await page.getByLabel("E-Mail-Adresse").fill(account.email);
			await page.getByLabel("Passwort").fill(PASSWORD);
			await page.getByRole("button", { name: "Anmelden", exact: true }).click();
			await page.getByRole("heading", { name: "Zwei-Faktor-Anmeldung" }).waitFor();
			expect(await seriousAxeViolations(page)).toEqual([]);
			expect(await screenshot(page, `login-mfa-de-${width}`)).toBeGreaterThan(0);
			await context.close();
		}
	}, 240_000);
});
