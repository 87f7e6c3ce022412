/**
 * The editor as a creator uses it (issue 19), in Chromium at 360×740 and 1280×800, in English
 * and German: add six links, reorder them from a row's menu and with Alt + Arrow, change the
 * design, see the preview change while typing (there is no save button: drafts save themselves),
 * publish from the sticky bar. On the phone the editor with six links fits in two screen heights
 * before the secondary tabs, link rows are 64–80 px, and the preview is one tap away in a dialog
 * (Escape and the back button close it). axe-core finds no serious or critical violation in the
 * editor, its row menu, its tabs or the preview dialog. Screenshots go to
 * test-results/screenshots (and /tmp/shots/i19/editor when that folder can be written).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PASSWORD, stack, verifiedAccount } from "../support/api.ts";
import {
	type AxeViolation,
	newContext,
	SCREENSHOT_DIR,
	screenshot,
	seriousAxeViolations,
	sharedBrowser,
	skipE2E,
} from "../support/browser.ts";

const TEXTS = {
	en: {
		prefix: "",
		add: "Add a link",
		title: "Title",
		addButton: "Add link",
		actions: (title: string) => `Actions for “${title}”`,
		moveUp: "Move up",
		edit: "Edit",
		done: "Done",
		design: "Design",
		settings: "Settings",
		share: "Share",
		versions: "Versions",
		dark: "Dark",
		publish: "Publish",
		published: "Published. Your page is live.",
		stateChanges: "Changes not published",
		preview: "Preview",
		moved: "“Six” moved to position 5 of 6.",
		profileHeading: "Your profile",
		profileTheme: "Theme",
		above: "Above the links",
		email: "E-mail address",
		password: "Password",
		logIn: "Log in",
	},
	de: {
		prefix: "/de",
		add: "Link hinzufügen",
		title: "Titel",
		addButton: "Link hinzufügen",
		actions: (title: string) => `Aktionen für „${title}“`,
		moveUp: "Nach oben",
		edit: "Bearbeiten",
		done: "Fertig",
		design: "Design",
		settings: "Einstellungen",
		share: "Teilen",
		versions: "Versionen",
		dark: "Dunkel",
		publish: "Veröffentlichen",
		published: "Veröffentlicht. Ihre Seite ist online.",
		stateChanges: "Änderungen noch nicht online",
		preview: "Vorschau",
		moved: "„Six“ ist jetzt an Position 5 von 6.",
		profileHeading: "Ihr Profil",
		profileTheme: "Design",
		above: "Über den Links",
		email: "E-Mail-Adresse",
		password: "Passwort",
		logIn: "Anmelden",
	},
} as const;

const SIZES = [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 },
] as const;

const TITLES = ["One", "Two", "Three", "Four", "Five", "Six"];

const SHOTS = "/tmp/shots/i19/editor";

/**
 * Saves a full-page screenshot and one of what the screen shows as artifacts (and copies for the
 * issue's review).
 */
async function shot(page: Page, name: string) {
	expect(await screenshot(page, name), name).toBeGreaterThan(10);
	await page.screenshot({
		path: join(SCREENSHOT_DIR, `${name}-viewport.png`),
		animations: "disabled",
	});
	try {
		mkdirSync(SHOTS, { recursive: true });
		for (const file of [`${name}.png`, `${name}-viewport.png`])
			copyFileSync(join(SCREENSHOT_DIR, file), join(SHOTS, file));
	} catch {
		// The copy is a convenience outside the repository; the artifact is what counts.
	}
}

async function expectAccessible(page: Page, label: string) {
	const violations: AxeViolation[] = await seriousAxeViolations(page);
	expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

function linkTitles(page: Page): Promise<string[]> {
	return page.locator("[data-link-id] .row-title").allTextContents();
}

/** The link texts the preview shows. */
async function previewLinks(frame: FrameLocator): Promise<string[]> {
	const texts = await frame.locator(".links a").allTextContents();
	return texts.map((s) => s.trim());
}

function previewBackground(frame: FrameLocator): Promise<string> {
	return frame.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
}

describe.skipIf(skipE2E)("the editor on a phone and on a desktop (issue 19)", () => {
	const browser = sharedBrowser();

	for (const lang of ["en", "de"] as const) {
		for (const size of SIZES) {
			const phone = size.width < 960;
			const tag = `editor-${lang}-${size.width}`;
			it(`${lang} at ${size.width}×${size.height}: six links, reorder, design, live preview, publish`, async () => {
				const L = TEXTS[lang];
				const { api, email } = await verifiedAccount();
				const created = await api.call("POST /pages", { body: { title: `Editor ${tag}` } });
				const id = created.body.page.id;
				await api.call("PATCH /profile", {
					body: { socials: [{ network: "instagram", url: "https://instagram.com/alex" }] },
				});
				const context = await newContext(browser(), {
					locale: lang === "de" ? "de-DE" : "en-US",
					width: size.width,
					height: size.height,
				});
				const page = await context.newPage();
				// The account speaks the test's language (signed in, the account's language wins).
				await api.call("PATCH /me", { body: { locale: lang } });
				await page.goto(`${stack.urls.web}${L.prefix}/login`);
				await page.getByLabel(L.email).fill(email);
				await page.getByLabel(L.password).fill(PASSWORD);
				await page.getByRole("button", { name: L.logIn, exact: true }).click();
				await page.waitForURL((url) => !url.pathname.includes("/login"));
				await page.goto(`${stack.urls.web}${L.prefix}/pages/edit?id=${id}`);
				const add = page.getByRole("region", { name: L.add });
				await add.waitFor();

				// Six links through the form at the top of the list.
				for (const [index, title] of TITLES.entries()) {
					await add.getByLabel(L.title).fill(title);
					await add.getByLabel("URL").fill(`example.com/${title.toLowerCase()}`);
					await add.getByRole("button", { name: L.addButton }).click();
					await expect.poll(() => linkTitles(page), { timeout: 15_000 }).toHaveLength(index + 1);
				}
				expect(await linkTitles(page)).toEqual(TITLES);

				await shot(page, `${tag}-links`);
				// Compact rows; on the phone everything up to the last link fits in two screens.
				const rows = page.locator("[data-link-id]");
				for (let i = 0; i < TITLES.length; i++) {
					const box = await rows.nth(i).boundingBox();
					expect(box?.height, `row ${i + 1} height`).toBeGreaterThanOrEqual(60);
					expect(box?.height, `row ${i + 1} height`).toBeLessThanOrEqual(82);
				}
				if (phone) {
					const bottom = await rows
						.last()
						.evaluate((row) => row.getBoundingClientRect().bottom + window.scrollY);
					expect(bottom, "the sixth link's bottom edge").toBeLessThanOrEqual(2 * size.height);
					// The preview is one tap away: its button is on screen wherever the list is scrolled.
					await rows.last().scrollIntoViewIfNeeded();
					const fab = await page
						.getByRole("button", { name: L.preview, exact: true })
						.boundingBox();
					expect(fab && fab.y >= 0 && fab.y + fab.height <= size.height).toBe(true);
					// Nothing is wider than the phone's screen.
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
					expect(overflow.by, overflow.elements.join("; ")).toBeLessThanOrEqual(0);
				}
				await expectAccessible(page, `${tag} links`);

				// Reorder from the row's menu (a menu button: the first item takes the focus)…
				const menuButton = page.getByRole("button", { name: L.actions("Six") });
				await menuButton.click();
				const menu = page.getByRole("menu", { name: L.actions("Six") });
				await menu.waitFor();
				await expectAccessible(page, `${tag} row menu`);
				await shot(page, `${tag}-menu`);
				await menu.getByRole("menuitem", { name: L.moveUp }).click();
				await expect
					.poll(() => linkTitles(page))
					.toEqual(["One", "Two", "Three", "Four", "Six", "Five"]);
				await page.getByText(L.moved).waitFor({ state: "attached" });
				// …which gives the focus back to its button; Alt + Arrow up moves the row again.
				await expect
					.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
					.toBe(L.actions("Six"));
				await page.keyboard.press("Alt+ArrowUp");
				const order = ["One", "Two", "Three", "Six", "Four", "Five"];
				await expect.poll(() => linkTitles(page)).toEqual(order);
				// Escape closes a menu and returns the focus to its button.
				await menuButton.click();
				await menu.waitFor();
				await page.keyboard.press("Escape");
				await expect.poll(() => menu.count()).toBe(0);

				// The preview: beside the tools on a desktop, one tap away on a phone.
				const openPreview = async (): Promise<FrameLocator> => {
					if (!phone) return page.frameLocator(".workspace-preview iframe.preview-frame");
					await page.getByRole("button", { name: L.preview, exact: true }).click();
					await page.getByRole("dialog").waitFor();
					return page.frameLocator(".preview-dialog iframe.preview-frame");
				};
				const closePreview = async () => {
					if (!phone) return;
					await page.keyboard.press("Escape");
					await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
				};
				let frame = await openPreview();
				await expect.poll(() => previewLinks(frame), { timeout: 15_000 }).toEqual(order);
				const before = await previewBackground(frame);
				if (phone) {
					await expectAccessible(page, `${tag} preview dialog`);
					await shot(page, `${tag}-preview`);
					// The browser's back button closes the dialog and stays in the editor.
					await page.goBack();
					await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
					expect(page.url()).toContain("/pages/edit?id=");
					frame = await openPreview();
					await closePreview();
					// The focus is back on the button that opened it.
					await expect
						.poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
						.toContain(L.preview);
				}

				// Typing in a link's title changes the preview: no save button anywhere.
				await page.getByRole("button", { name: L.actions("One") }).click();
				await page.getByRole("menuitem", { name: L.edit, exact: true }).click();
				const editTitle = page.locator(`[data-link-id] input[name="title"]`).first();
				await editTitle.fill("One, typed");
				frame = await openPreview();
				await expect
					.poll(() => previewLinks(frame), { timeout: 15_000 })
					.toEqual(["One, typed", ...order.slice(1)]);
				await closePreview();
				await page.getByRole("button", { name: L.done }).click();

				// The design: a preset applies itself, and the preview follows.
				await page.getByRole("tab", { name: L.design }).click();
				const design = page.getByRole("tabpanel", { name: L.design });
				await design.getByRole("button", { name: L.dark, exact: true }).click();
				frame = await openPreview();
				await expect
					.poll(() => previewBackground(frame), { timeout: 15_000 })
					.toBe("rgb(17, 17, 19)");
				expect(before).not.toBe("rgb(17, 17, 19)");
				await closePreview();
				// Where the social icons sit is chosen here too (it is the profile's, for every page).
				await design.getByLabel(L.above).check();
				await expect
					.poll(async () => (await api.call("GET /profile")).body.profile.socialsPlacement, {
						timeout: 15_000,
					})
					.toBe("top");
				await expectAccessible(page, `${tag} design tab`);
				await shot(page, `${tag}-design`);

				// The other tabs are free of violations too.
				for (const tab of [L.settings, L.share, L.versions]) {
					await page.getByRole("tab", { name: tab }).click();
					await expectAccessible(page, `${tag} ${tab} tab`);
				}
				await shot(page, `${tag}-versions`);

				// Publish from the bar, which stays in view wherever the page is scrolled.
				await page.mouse.wheel(0, 2000);
				const publish = page.getByRole("button", { name: L.publish, exact: true });
				await expect
					.poll(async () => {
						const box = await publish.boundingBox();
						return box !== null && box.y >= 0 && box.y + box.height <= size.height;
					})
					.toBe(true);
				expect(await page.locator(".publish-bar").getAttribute("data-page-state")).toBe("draft");
				await publish.click();
				await page.getByText(L.published).waitFor();
				expect(await page.locator(".publish-bar").getAttribute("data-page-state")).toBe(
					"published",
				);
				const live = await api.call("GET /pages/:id", { params: { id } });
				expect(live.body.page.status).toBe("published");
				expect(live.body.page.theme).toBe("dark");
				expect(live.body.links.map((l) => l.title)).toEqual(["One, typed", ...order.slice(1)]);

				// A later change says so at once in the bar.
				await page.getByRole("tab", { name: L.settings }).click();
				await page.locator("#settings-description").fill("Fresh words");
				await expect
					.poll(() => page.locator(".publish-bar").getAttribute("data-page-state"), {
						timeout: 15_000,
					})
					.toBe("changes");
				await page.locator(".publish-bar").getByText(L.stateChanges).waitFor();
				await shot(page, `${tag}-changes`);

				// One place for the look: the profile no longer has a theme of its own.
				await page.goto(`${stack.urls.web}${L.prefix}/profile`);
				await page.getByRole("heading", { name: L.profileHeading, level: 1 }).waitFor();
				await page.locator("#displayName").waitFor();
				expect(await page.getByLabel(L.profileTheme, { exact: true }).count()).toBe(0);
				await context.close();
			}, 180_000);
		}
	}
});
