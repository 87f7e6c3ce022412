/**
 * The dashboard's quality bar in Chromium: no serious or critical axe-core violation on any
 * screen (signed out in both languages; signed in on the Free and on the Pro plan, with data on
 * every screen), and screenshots of the main screens at phone (360 px) and desktop (1280 px)
 * widths, saved under test-results/screenshots and checked to be non-blank.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { stack, upgradeToPro, verifiedAccount } from "../support/api.ts";
import {
	logIn,
	newContext,
	screenshot,
	seriousAxeViolations,
	sharedBrowser,
	skipE2E,
} from "../support/browser.ts";

/** An account with a published page of three links (published twice: two versions). */
async function accountWithPage() {
	const account = await verifiedAccount();
	const created = await account.api.call("POST /pages", {
		body: {
			title: "Quality links",
		},
	});
	const pageId = created.body.page.id;
	for (const title of ["Shop", "Blog", "Contact"]) {
		await account.api.call("POST /pages/:id/links", {
			params: { id: pageId },
			body: {
				title,
				url: `https://example.com/${title.toLowerCase()}`,
			},
		});
	}
	await account.api.call("POST /pages/:id/publish", { params: { id: pageId } });
	await account.api.call("PATCH /pages/:id", {
		params: { id: pageId },
		body: { description: "Everything in one place." },
	});
	await account.api.call("POST /pages/:id/publish", { params: { id: pageId } });
	return { ...account, pageId };
}

/** Opens a screen and waits until its island has loaded what it shows. */
async function open(page: Page, path: string) {
	await page.goto(`${stack.urls.web}${path}`);
	await page.locator("main h1").first().waitFor();
	// Islands are hydrated (Astro drops "ssr" then) and have nothing left to load.
	await expect
		.poll(() => page.locator('astro-island[ssr], main [aria-busy="true"], main .loading').count(), {
			timeout: 20_000,
		})
		.toBe(0);
}

const SIGNED_OUT = [
	"/login",
	"/signup",
	"/forgot-password",
	"/reset-password",
	"/verify-email",
	// Issue 21: the API reference, public.
	"/docs/api",
];

function signedIn(pageId: string) {
	return [
		"/",
		`/pages/edit?id=${pageId}`,
		"/profile",
		"/domains",
		"/billing",
		"/account",
		// Issue 21.
		"/import",
	];
}

async function expectAccessible(page: Page, label: string) {
	const violations = await seriousAxeViolations(page);
	expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe.skipIf(skipE2E)("dashboard quality in Chromium", () => {
	const browser = sharedBrowser();
	let free: Awaited<ReturnType<typeof accountWithPage>>;
	let pro: Awaited<ReturnType<typeof accountWithPage>>;

	beforeAll(async () => {
		[free, pro] = await Promise.all([accountWithPage(), accountWithPage()]);
		await upgradeToPro(pro.api, "year");
		await pro.api.call("POST /domains", {
			body: {
				hostname: `links-${randomBytes(4).toString("hex")}.example.test`,
			},
		});
	}, 120_000);

	it("no serious or critical axe-core violation on any screen", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		for (const prefix of ["", "/de"]) {
			for (const path of SIGNED_OUT) {
				await open(page, `${prefix}${path}`);
				await expectAccessible(page, `${prefix}${path}`);
			}
		}
		for (const [plan, account] of [
			["free", free],
			["pro", pro],
		] as const) {
			await logIn(page, account.email);
			for (const path of signedIn(account.pageId)) {
				await open(page, path);
				await expectAccessible(page, `${plan} ${path}`);
			}
			await page.getByRole("button", { name: "Log out" }).click();
			await page.waitForURL(/\/login\?notice=logged-out$/);
		}
		await context.close();
	}, 240_000);

	it("screenshots of the main screens at 360 px and 1280 px are not blank", async () => {
		for (const width of [360, 1280]) {
			const context = await newContext(browser(), { width, height: width === 360 ? 740 : 900 });
			const page = await context.newPage();
			await open(page, "/login");
			expect(await screenshot(page, `login-${width}`)).toBeGreaterThan(10);
			await logIn(page, pro.email);
			const screens: [string, string][] = [
				["dashboard", "/"],
				["editor", `/pages/edit?id=${pro.pageId}`],
				["profile", "/profile"],
				["domains", "/domains"],
				["billing", "/billing"],
				["account", "/account"],
			];
			for (const [name, path] of screens) {
				await open(page, path);
				const colours = await screenshot(page, `${name}-${width}`);
				expect(colours, `${name} at ${width}px`).toBeGreaterThan(10);
			}
			// Nothing is wider than a phone's screen.
			if (width === 360) {
				for (const [name, path] of screens) {
					await open(page, path);
					const overflow = await page.evaluate(() => ({
						by: document.documentElement.scrollWidth - window.innerWidth,
						// The innermost elements reaching past the screen's edge, to name the culprit.
						elements: Array.from(document.querySelectorAll("body *"))
							.filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
							.filter((el) => el.children.length === 0)
							.slice(0, 5)
							.map(
								(el) =>
									`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`,
							),
					}));
					expect(
						overflow.by,
						`${name} scrolls sideways at 360px: ${overflow.elements.join("; ")}`,
					).toBeLessThanOrEqual(0);
				}
			}
			await context.close();
		}
	}, 240_000);
});
