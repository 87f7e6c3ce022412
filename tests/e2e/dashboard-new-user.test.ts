/**
 * The whole new-user journey in Chromium, as one customer lives it: sign up, confirm the address
 * from the inbox, build a page of five links, reorder them by keyboard, publish, see the page on
 * the Domain Worker, upgrade through the Stripe stand-in's checkout page, connect a custom domain
 * (records created in the DNS stand-in, verified from the dashboard), see the page on that host,
 * and cancel in the billing portal.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getWithHost, mailTo, PASSWORD, stack, uniqueEmail } from "../support/api.ts";
import { mailLink, newContext, sharedBrowser, skipE2E } from "../support/browser.ts";

/** Titles of the editor's link rows, top to bottom. */
function linkTitles(page: Page): Promise<string[]> {
	return page.locator("[data-link-id] .row-title").allTextContents();
}

/** Link texts of a published page's first navigation. */
async function publishedLinks(page: Page): Promise<string[]> {
	const nav = page.getByRole("navigation").first();
	return (await nav.getByRole("link").allTextContents()).map((s) => s.trim());
}

async function dnsRecord(name: string, type: "TXT" | "CNAME", value: string) {
	const res = await fetch(`${stack.urls.dns}/_dev/dns/${name}/${type}`, {
		method: "PUT",
		body: JSON.stringify({ values: [value] }),
	});
	expect(res.ok).toBe(true);
}

describe.skipIf(skipE2E)("a new customer's whole journey in Chromium", () => {
	// Custom domains of the test live under .example.test; Chromium sends them to this machine.
	const browser = sharedBrowser({ hostResolverRules: "MAP *.example.test 127.0.0.1" });

	it("sign up → verify → five links → keyboard reorder → publish → Pro → custom domain → cancel", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		const email = uniqueEmail("e2e-journey");

		// Sign up and confirm the address from the mail.
		await page.goto(`${stack.urls.web}/signup`);
		await page.getByLabel("E-mail address").fill(email);
		await page.getByLabel("Password").fill(PASSWORD);
		await page.getByRole("button", { name: "Create account" }).click();
		await page.waitForURL(`${stack.urls.web}/`);
		await page.goto(mailLink((await mailTo(email, /confirm/i)).text, "/verify-email"));
		await page.getByText("Your e-mail address is confirmed").waitFor();
		await page.getByRole("link", { name: "Go to your dashboard" }).click();

		// A page with five links.
		const create = page.getByRole("region", { name: "Create a page" });
		await create.getByLabel("Title").fill("Journey links");
		await create.getByRole("button", { name: "Create page" }).click();
		await page.waitForURL(/\/pages\/edit\?id=pg_/);
		await page.getByRole("heading", { name: "Journey links", level: 1 }).waitFor();
		const add = page.getByRole("region", { name: "Add a link" });
		const titles = ["One", "Two", "Three", "Four", "Five"];
		for (const [index, title] of titles.entries()) {
			await add.getByLabel("Title").fill(title);
			await add.getByLabel("URL").fill(`https://example.com/${title.toLowerCase()}`);
			await add.getByRole("button", { name: "Add link" }).click();
			await expect.poll(() => linkTitles(page), { timeout: 15_000 }).toHaveLength(index + 1);
		}
		expect(await linkTitles(page)).toEqual(titles);

		// Reordered by keyboard only: "Five" to the top through its row menu (Enter on the menu
		// button opens it, Enter on "Move up" moves the row), "One" down with Alt+↓.
		for (let i = 0; i < 4; i++) {
			await page.getByRole("button", { name: "Actions for “Five”" }).focus();
			await page.keyboard.press("Enter");
			await page
				.getByRole("menu", { name: "Actions for “Five”" })
				.getByRole("menuitem", { name: "Move up" })
				.focus();
			await page.keyboard.press("Enter");
			await expect.poll(async () => (await linkTitles(page)).indexOf("Five")).toBe(3 - i);
		}
		await expect.poll(() => linkTitles(page)).toEqual(["Five", "One", "Two", "Three", "Four"]);
		await page.getByRole("button", { name: "Actions for “One”" }).focus();
		await page.keyboard.press("Alt+ArrowDown");
		const order = ["Five", "Two", "One", "Three", "Four"];
		await expect.poll(() => linkTitles(page)).toEqual(order);

		// Published; the public address, its QR code, and the page on the Domain Worker.
		await page.getByRole("button", { name: "Publish", exact: true }).click();
		await page.getByText("Published. Your page is live.").waitFor();
		await page.getByRole("tab", { name: "Share" }).click();
		const address = await page.getByLabel("Public address").inputValue();
		expect(address).toMatch(/^http:\/\/[a-z0-9-]+\.localhost:\d+\/$/);
		await page.getByRole("img", { name: `QR code for ${address}` }).waitFor();
		const published = await context.newPage();
		expect((await published.goto(address))?.status()).toBe(200);
		expect(await publishedLinks(published)).toEqual(order);

		// Upgrade: the plan screen → Stripe's checkout page (stand-in) → back, waiting for Pro.
		await page.goto(`${stack.urls.web}/billing`);
		await page.getByRole("heading", { name: "You are on the Free plan." }).waitFor();
		await page.getByRole("button", { name: "Pay monthly" }).click();
		await page.waitForURL(new RegExp(`^${stack.urls.stripe}/checkout/cs_test_`));
		await page.getByLabel("Card number").fill("4242 4242 4242 4242");
		await page.getByRole("button", { name: "Pay and subscribe" }).click();
		// Back on the plan screen (which drops "?checkout=success" from the address once read).
		await page.waitForURL((url) => url.href.startsWith(`${stack.urls.web}/billing`));
		await page.getByText("SmartPages Pro is active.").waitFor({ timeout: 100_000 }); // the webhook's way, with retries; the screen polls /me
		await page.getByRole("heading", { name: "You are on the Pro plan." }).waitFor();
		expect(page.url()).toBe(`${stack.urls.web}/billing`);

		// A custom domain: its records from the screen go into the DNS stand-in, then "Check now".
		const hostname = `links-${randomBytes(4).toString("hex")}.example.test`;
		await page
			.getByRole("navigation", { name: "Main" })
			.getByRole("link", { name: "Domains" })
			.click();
		await page.getByLabel("Domain", { exact: true }).fill(hostname);
		await page.getByRole("button", { name: "Add domain" }).click();
		const card = page.getByRole("article", { name: hostname });
		await card.getByText("Waiting for DNS records").waitFor();
		const cells = async (type: string) => {
			const row = card
				.getByRole("row")
				.filter({ has: page.getByRole("cell", { name: type, exact: true }) });
			return row.locator("code").allTextContents();
		};
		const [txtName, txtValue] = await cells("TXT");
		const [cnameName, cnameValue] = await cells("CNAME");
		expect(txtName).toBe(`_smartpages-challenge.${hostname}`);
		expect(cnameName).toBe(hostname);
		await card.getByRole("button", { name: `Check now: “${hostname}”` }).click();
		await card.getByText("We have not found the TXT record yet.").waitFor();
		await dnsRecord(txtName ?? "", "TXT", txtValue ?? "");
		await dnsRecord(cnameName ?? "", "CNAME", cnameValue ?? "");
		await card.getByRole("button", { name: `Check now: “${hostname}”` }).click();
		await card.getByText(`“${hostname}” is active.`).waitFor();
		await card.getByText("Active", { exact: true }).waitFor();

		// The page on the custom host: in the browser and over plain HTTP.
		const custom = await published.goto(`http://${hostname}:${stack.ports.domain}/`);
		expect(custom?.status()).toBe(200);
		expect(await publishedLinks(published)).toEqual(order);
		const raw = await getWithHost(`http://${hostname}/`, stack.ports.domain);
		expect(raw.status).toBe(200);

		// Cancel in the billing portal (stand-in); the plan screen then names the end date.
		await page.goto(`${stack.urls.web}/billing`);
		await page.getByRole("button", { name: "Open the billing portal" }).click();
		await page.waitForURL(new RegExp(`^${stack.urls.stripe}/portal/bps_`));
		await page.getByRole("button", { name: "Cancel at period end" }).click();
		await page.getByRole("button", { name: "Resume subscription" }).waitFor();
		await expect
			.poll(
				async () => {
					await page.goto(`${stack.urls.web}/billing`);
					await page.getByRole("heading", { name: /You are on the/ }).waitFor();
					return page.getByText(/Your Pro subscription ends on/).count();
				},
				{ timeout: 60_000, interval: 1000 },
			)
			.toBe(1);
		await context.close();
	}, 300_000); // a harness guard for a long journey with webhook waits, never a speed assertion
});
