/**
 * Dashboard journeys in Chromium against the whole stack: sign-up and e-mail confirmation from
 * the local inbox, then building a page (links added, reordered by keyboard, published) and
 * reading the published page on the Domain Worker.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
	getWithHost,
	mailTo,
	newerToken,
	PASSWORD,
	stack,
	tokenFrom,
	uniqueEmail,
	verifiedAccount,
} from "../support/api.ts";
import { logIn, mailLink, newContext, sharedBrowser, skipE2E } from "../support/browser.ts";

/** Titles of the editor's link rows, top to bottom. */
function linkTitles(page: Page): Promise<string[]> {
	return page.locator("[data-link-id] .row-title").allTextContents();
}

describe.skipIf(skipE2E)("dashboard journeys in Chromium", () => {
	const browser = sharedBrowser();

	it("signs up, confirms the address from the mail and arrives on the dashboard", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		const email = uniqueEmail("e2e-signup");

		await page.goto(`${stack.urls.web}/signup`);
		await page.getByLabel("E-mail address").fill(email);
		await page.getByLabel("Password").fill(PASSWORD);
		await page.getByRole("button", { name: "Create account" }).click();

		// Signed in at once: the dashboard reminds to confirm the address.
		await page.waitForURL(`${stack.urls.web}/`);
		const banner = page.getByRole("region", { name: "Confirm your e-mail address" });
		await banner.waitFor();
		expect(await banner.textContent()).toContain(email);

		// "Send the link again" mails a fresh link; the first one stops working.
		const first = tokenFrom(await mailTo(email, /confirm/i));
		await banner.getByRole("button", { name: "Send the link again" }).click();
		await banner.getByText(`We have sent a new link to ${email}.`).waitFor();
		const token = await newerToken(email, /confirm/i, first);
		await page.goto(`${stack.urls.web}/verify-email#token=${first}`);
		await page.getByText("This link is invalid, has expired or was already used.").waitFor();
		// The newest mail now carries the fresh link; open it as the mail gives it.
		const link = mailLink((await mailTo(email, /confirm/i)).text, "/verify-email");
		expect(link).toContain(token);
		await page.goto(link);
		await page.getByText("Your e-mail address is confirmed").waitFor();
		// The single-use token does not stay in the address bar.
		expect(new URL(page.url()).hash).toBe("");
		// The spent link once more, now that the address is confirmed: the state, not an error.
		await page.goto(link);
		await page
			.getByText(
				`This link was already used or has expired. The address of your account, ${email}, is confirmed.`,
			)
			.waitFor();

		await page.getByRole("link", { name: "Go to your dashboard" }).click();
		await page.getByRole("heading", { name: "Create a page" }).waitFor();
		expect(await banner.count()).toBe(0);
		await context.close();
	}, 90_000);

	it("shows field errors from the checks and a wrong password as a message", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		await page.goto(`${stack.urls.web}/signup`);
		await page.getByLabel("E-mail address").fill("not-an-address");
		await page.getByLabel("Password").fill("short");
		await page.getByRole("button", { name: "Create account" }).click();
		const email = page.getByLabel("E-mail address");
		await expect.poll(() => email.getAttribute("aria-invalid"), { timeout: 15_000 }).toBe("true");
		expect(await page.getByText("Please enter a valid e-mail address").count()).toBe(1);
		expect(await page.getByText("Please use at least 8 characters.").count()).toBe(1);
		// Focus moves to the first field that needs attention.
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("email");

		await page.goto(`${stack.urls.web}/login`);
		await page.getByLabel("E-mail address").fill(uniqueEmail("nobody"));
		await page.getByLabel("Password").fill("wrong password 123");
		await page.getByRole("button", { name: "Log in" }).click();
		await page
			.getByRole("alert")
			.filter({ hasText: "The e-mail address or the password is not correct." })
			.waitFor();
		await context.close();
	}, 60_000);

	it("sends a visitor without a session to the login page and back afterwards", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await page.goto(`${stack.urls.web}/profile`);
		await page.waitForURL(/\/login\?next=%2Fprofile$/);
		await page.getByLabel("E-mail address").fill(account.email);
		await page.getByLabel("Password").fill(PASSWORD);
		await page.getByRole("button", { name: "Log in" }).click();
		await page.waitForURL(`${stack.urls.web}/profile`);
		await page.getByRole("heading", { name: "Your profile" }).waitFor();

		await page.getByRole("button", { name: "Log out" }).click();
		await page.waitForURL(`${stack.urls.web}/login?notice=logged-out`);
		await page.getByText("You have been logged out.").waitFor();
		await page.goto(`${stack.urls.web}/`);
		await page.waitForURL(`${stack.urls.web}/login`);
		await context.close();
	}, 60_000);

	it("builds a page: three links, reordered by keyboard, published in that order", async () => {
		const account = await verifiedAccount();
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);

		const create = page.getByRole("region", { name: "Create a page" });
		await create.getByLabel("Title").fill("My links");
		await create.getByRole("button", { name: "Create page" }).click();
		await page.waitForURL(/\/pages\/edit\?id=pg_/);
		await page.getByRole("heading", { name: "My links", level: 1 }).waitFor();

		const add = page.getByRole("region", { name: "Add a link" });
		const links = [
			{ title: "Alpha", url: "https://example.com/alpha" },
			// Typed without a scheme, as people do: the form completes it to https://.
			{ title: "Bravo", url: "example.com/bravo" },
			{ title: "Charlie", url: "mailto:charlie@example.com" },
		];
		for (const [index, link] of links.entries()) {
			await add.getByLabel("Title").fill(link.title);
			await add.getByLabel("URL").fill(link.url);
			await add.getByRole("button", { name: "Add link" }).click();
			await expect.poll(() => linkTitles(page), { timeout: 15_000 }).toHaveLength(index + 1);
		}
		expect(await linkTitles(page)).toEqual(["Alpha", "Bravo", "Charlie"]);

		// The row menu's "Move up" gives the focus back to the menu button, so twice takes
		// "Charlie" to the top (issue 19: secondary actions live in a menu per row).
		const moveUp = async (title: string) => {
			await page.getByRole("button", { name: `Actions for “${title}”` }).click();
			await page
				.getByRole("menu", { name: `Actions for “${title}”` })
				.getByRole("menuitem", { name: "Move up" })
				.click();
		};
		await moveUp("Charlie");
		await expect.poll(() => linkTitles(page)).toEqual(["Alpha", "Charlie", "Bravo"]);
		await moveUp("Charlie");
		await expect.poll(() => linkTitles(page)).toEqual(["Charlie", "Alpha", "Bravo"]);
		// Alt + Arrow Down anywhere in a row moves that row.
		await page.getByRole("button", { name: "Actions for “Alpha”" }).focus();
		await page.keyboard.press("Alt+ArrowDown");
		await expect.poll(() => linkTitles(page)).toEqual(["Charlie", "Bravo", "Alpha"]);
		await page.getByText("“Alpha” moved to position 3 of 3.").waitFor({ state: "attached" });
		// The focus stays on the control that moved the row.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
			.toBe("Actions for “Alpha”");

		// Publishing waits for the reorder to be saved first.
		await page.getByRole("button", { name: "Publish", exact: true }).click();
		await page.getByText("Published. Your page is live.").waitFor();
		await page.getByRole("tab", { name: "Share" }).click();
		const address = await page.getByLabel("Public address").inputValue();
		expect(address).toMatch(/^http:\/\/[a-z0-9-]+\.localhost:\d+\/$/);

		// The preview frame reloaded with each change and shows the draft in the same order.
		const preview = page.frameLocator("iframe.preview-frame").getByRole("navigation").first();
		await expect
			.poll(async () => (await preview.getByRole("link").allTextContents()).map((s) => s.trim()), {
				timeout: 15_000,
			})
			.toEqual(["Charlie", "Bravo", "Alpha"]);

		const published = await context.newPage();
		const response = await published.goto(address);
		expect(response?.status()).toBe(200);
		const nav = published.getByRole("navigation").first();
		const titles = (await nav.getByRole("link").allTextContents()).map((s) => s.trim());
		expect(titles).toEqual(["Charlie", "Bravo", "Alpha"]);
		// The link goes through the Domain Worker's counted redirect (issue 17.2) to its URL.
		const href = (await nav.getByRole("link", { name: "Bravo" }).getAttribute("href")) ?? "";
		expect(href).toMatch(/^\/_l\/ln_[0-9a-z]{20}$/);
		const click = await getWithHost(new URL(href, address).href, stack.ports.domain);
		expect(click.status).toBe(302);
		expect(click.headers.get("Location")).toBe("https://example.com/bravo");
		await context.close();
	}, 120_000);

	it("reorders by dragging the handle", async () => {
		const account = await verifiedAccount();
		const pageRes = await account.api.call("POST /pages", { body: { title: "Drag" } });
		const pageId = pageRes.body.page.id;
		for (const title of ["One", "Two", "Three"]) {
			await account.api.call("POST /pages/:id/links", {
				params: { id: pageId },
				body: { title, url: "https://example.com/" },
			});
		}
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/pages/edit?id=${pageId}`);
		await expect.poll(() => linkTitles(page), { timeout: 15_000 }).toEqual(["One", "Two", "Three"]);

		const handle = page.locator("[data-link-id] .drag-handle").first();
		const target = page.locator("[data-link-id]").nth(2);
		const from = await handle.boundingBox();
		const to = await target.boundingBox();
		if (!from || !to) throw new Error("rows are not visible");
		await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
		await page.mouse.down();
		await page.mouse.move(from.x + from.width / 2, to.y + to.height - 2, { steps: 12 });
		await page.mouse.up();
		await expect.poll(() => linkTitles(page)).toEqual(["Two", "Three", "One"]);

		// The order was saved: a fresh load shows it too.
		await expect
			.poll(
				async () => {
					const res = await account.api.call("GET /pages/:id/links", { params: { id: pageId } });
					return res.body.links.map((l) => l.title);
				},
				{ timeout: 15_000 },
			)
			.toEqual(["Two", "Three", "One"]);
		await context.close();
	}, 90_000);
});
