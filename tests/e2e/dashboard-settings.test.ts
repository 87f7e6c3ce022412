/**
 * Profile and account screens in Chromium: a taken handle shown at its field, social links added
 * and removed, another device signed out, the password changed, the data exported and the account
 * deleted behind its confirmation.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { client, mailTo, PASSWORD, stack, tokenFrom, verifiedAccount } from "../support/api.ts";
import { logIn, newContext, pageApi, sharedBrowser, skipE2E } from "../support/browser.ts";

describe.skipIf(skipE2E)("profile and account screens in Chromium", () => {
	const browser = sharedBrowser();

	it("shows a taken handle at its field and saves handle and social links", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/profile`);

		const handle = page.getByLabel("Handle");
		await handle.fill("demo");
		await page.getByRole("button", { name: "Save profile" }).click();
		await page.getByText("This handle is already taken. Please choose another one.").waitFor();
		expect(await handle.getAttribute("aria-invalid")).toBe("true");
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("handle");

		const wanted = `e2e-${randomBytes(4).toString("hex")}`;
		await handle.fill(wanted);
		// Before saving, the form says what a new handle does to published links.
		await page.getByText(/Saving moves your published pages to the new address at once/).waitFor();
		await page.getByLabel("Display name").fill("Erika Example");
		await page.getByRole("button", { name: "Add a social link" }).click();
		await page.getByRole("group", { name: "Social link 1" }).getByLabel("Address").fill("@erika");
		// The field shows what it will store, by the server's own normaliser (issue 18.4).
		await page.getByText("Will be saved as https://instagram.com/erika").waitFor();
		await page.getByRole("button", { name: "Save profile" }).click();
		await page.getByText("Profile saved.").waitFor();

		const saved = await account.api.call("GET /profile");
		expect(saved.body.profile.handle).toBe(wanted);
		expect(saved.body.profile.displayName).toBe("Erika Example");
		expect(saved.body.profile.socials.map((s) => s.url)).toEqual(["https://instagram.com/erika"]);

		await page.getByRole("button", { name: /^Delete social link 1/ }).click();
		expect(await page.getByRole("group", { name: "Social link 1" }).count()).toBe(0);
		await page.getByRole("button", { name: "Save profile" }).click();
		await expect
			.poll(async () => (await account.api.call("GET /profile")).body.profile.socials.length, {
				timeout: 15_000,
			})
			.toBe(0);
		await context.close();
	}, 90_000);

	it("resets a forgotten password with the link from the mail", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await page.goto(`${stack.urls.web}/login`);
		await page.getByRole("link", { name: "Forgot your password?" }).click();
		await page.getByLabel("E-mail address").fill(account.email);
		await page.getByRole("button", { name: "Send link" }).click();
		await page.getByText(`If there is an account for ${account.email}`).waitFor();

		const mail = await mailTo(account.email, /password/i);
		const link = /https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
		if (!link) throw new Error("no reset link in the mail");
		expect(link).toContain(tokenFrom(mail));
		const url = new URL(link);
		await page.goto(new URL(`${url.pathname}${url.hash}`, stack.urls.web).href);
		const newPassword = "a brand new passphrase 99";
		await page.getByLabel("New password", { exact: true }).fill(newPassword);
		await page.getByLabel("Repeat the new password").fill(newPassword);
		await page.getByRole("button", { name: "Save new password" }).click();
		await page.waitForURL(`${stack.urls.web}/login?notice=password-reset`);
		await page
			.getByText("Your password has been changed. Please log in with the new one.")
			.waitFor();
		await logIn(page, account.email, newPassword);
		await context.close();
	}, 90_000);

	it("signs out another device, changes the password, exports and deletes the account", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/account`);

		// Two devices: this browser and the test's API client.
		const sessions = page.locator("[data-session-id]");
		await expect.poll(() => sessions.count(), { timeout: 15_000 }).toBe(2);
		const other = sessions.filter({ hasNotText: "This device" });
		await other.getByRole("button", { name: /^Sign out/ }).click();
		await page.getByText("The device has been signed out.").waitFor();
		expect(await sessions.count()).toBe(1);
		expect((await account.api.call("GET /me")).status).toBe(401);

		// A mistyped repetition is caught before anything is sent.
		const newPassword = "another sturdy passphrase 7";
		const passwordForm = page.getByRole("region", { name: "Password", exact: true });
		await passwordForm.getByLabel("Current password").fill(PASSWORD);
		await passwordForm.getByLabel("New password", { exact: true }).fill(newPassword);
		await passwordForm.getByLabel("Repeat the new password").fill(`${newPassword}!`);
		await passwordForm.getByRole("button", { name: "Change password" }).click();
		await page.getByText("The two passwords do not match.").waitFor();
		await passwordForm.getByLabel("Repeat the new password").fill(newPassword);
		await passwordForm.getByRole("button", { name: "Change password" }).click();
		await page.getByText("Your password has been changed.").waitFor();

		const exported = await pageApi(page)("GET /me/export");
		expect(exported.status).toBe(200);
		expect(exported.headers?.get("content-disposition")).toContain("attachment");
		expect(await page.getByRole("link", { name: "Download my data" }).getAttribute("href")).toBe(
			"/api/v1/me/export",
		);

		// Deleting needs the password and the typed word.
		const danger = page.getByRole("region", { name: "Delete account" });
		await danger.getByLabel("Password").fill(newPassword);
		await danger.getByLabel("Type DELETE to confirm").fill("delete me");
		await danger.getByRole("button", { name: "Delete my account permanently" }).click();
		await page.getByText("Please type DELETE to confirm.").waitFor();
		await danger.getByLabel("Type DELETE to confirm").fill("DELETE");
		await danger.getByRole("button", { name: "Delete my account permanently" }).click();
		await page.waitForURL(`${stack.urls.web}/login?notice=deleted`);
		await page.getByText("Your account has been deleted.").waitFor();

		const login = await client().call("POST /auth/login", {
			body: {
				email: account.email,
				password: newPassword,
			},
		});
		expect(login.status).toBe(401);
		await context.close();
	}, 90_000);
});
