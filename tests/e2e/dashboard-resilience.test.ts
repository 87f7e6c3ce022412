/**
 * The dashboard when things go wrong, in Chromium: a save while the network is down keeps what
 * the user typed and says what to do, and the retry saves it; a 402 from the server (the plan
 * limit reached in another tab) is shown as the plan's limit with the way to upgrade, never as a
 * generic error.
 */
import { describe, expect, it } from "vitest";
import { stack, verifiedAccount } from "../support/api.ts";
import { logIn, newContext, sharedBrowser, skipE2E } from "../support/browser.ts";

describe.skipIf(skipE2E)("dashboard under failures in Chromium", () => {
	const browser = sharedBrowser();

	it("a profile save without network keeps the typed text, says what to do, and the retry saves", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/profile`);
		const name = page.getByLabel("Display name");
		const bio = page.getByLabel("Bio");
		await name.waitFor();

		await page.route("**/api/v1/profile", (route) =>
			route.request().method() === "PATCH" ? route.abort("internetdisconnected") : route.continue(),
		);
		await name.fill("Offline Olga");
		await bio.fill("Typed while the train was in a tunnel.");
		await page.getByRole("button", { name: "Save profile" }).click();
		await page
			.getByText("We could not reach SmartPages. Check your connection and try again.")
			.waitFor();
		expect(await name.inputValue()).toBe("Offline Olga");
		expect(await bio.inputValue()).toBe("Typed while the train was in a tunnel.");
		const stored = await account.api.call("GET /profile");
		expect(stored.body.profile.displayName).not.toBe("Offline Olga");

		await page.unroute("**/api/v1/profile");
		await page.getByRole("button", { name: "Save profile" }).click();
		await page.getByText("Profile saved.").waitFor();
		await page.reload();
		await expect.poll(() => name.inputValue()).toBe("Offline Olga");
		await context.close();
	}, 90_000);

	it("a 402 from the server shows the plan's limit and the upgrade, not an error", async () => {
		const account = await verifiedAccount();
		const created = await account.api.call("POST /pages", {
			body: {
				title: "Almost full",
			},
		});
		const pageId = created.body.page.id;
		for (let i = 0; i < 14; i++) {
			await account.api.call("POST /pages/:id/links", {
				params: { id: pageId },
				body: {
					title: `Link ${i}`,
					url: `https://example.com/${i}`,
				},
			});
		}
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/pages/edit?id=${pageId}`);
		await page.getByText("14 of 15 links").waitFor();
		// Another tab (here: the API) takes the last free link while this screen still shows room.
		expect(
			(
				await account.api.call("POST /pages/:id/links", {
					params: { id: pageId },
					body: {
						title: "From the other tab",
						url: "https://example.com/other",
					},
				})
			).status,
		).toBe(201);

		const form = page.getByRole("region", { name: "Add a link" });
		await form.getByLabel("Title").fill("One too many");
		await form.getByLabel("URL").fill("https://example.com/too-many");
		await form.getByRole("button", { name: "Add link" }).click();
		await page
			.getByText("Your Free plan allows 15 links per page, and this page has reached that.")
			.first()
			.waitFor();
		await page.getByRole("link", { name: /Pro/ }).first().waitFor();
		expect(await page.getByText("Something went wrong on our side").count()).toBe(0);
		// What the user typed is still there for after the upgrade.
		expect(await form.getByLabel("Title").inputValue()).toBe("One too many");
		await context.close();
	}, 90_000);
});
