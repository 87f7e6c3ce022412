/**
 * The editor's page-item controls in Chromium (issue 18): add a section header, add a link that is
 * highlighted and scheduled to start later (a `datetime-local` value in the browser's time zone,
 * sent as UTC), highlight another link (the highlight moves), and see the rows' states; the
 * editor stays free of serious axe violations with the options open.
 */
import { describe, expect, it } from "vitest";
import { stack, verifiedAccount } from "../support/api.ts";
import {
	logIn,
	newContext,
	seriousAxeViolations,
	sharedBrowser,
	skipE2E,
} from "../support/browser.ts";

describe.skipIf(skipE2E)("page items in the editor", () => {
	const browser = sharedBrowser();

	it("adds a header and a highlighted, scheduled link; highlighting another moves it", async () => {
		const { api, email } = await verifiedAccount();
		const created = await api.call("POST /pages", { body: { title: "Items" } });
		const id = created.body.page.id;
		await api.call("POST /pages/:id/links", {
			params: { id },
			body: { title: "Plain", url: "https://example.com/plain" },
		});
		const context = await newContext(browser(), { locale: "en-US" });
		const page = await context.newPage();
		await logIn(page, email);
		await page.goto(`${stack.urls.web}/pages/edit?id=${id}`);
		const add = page.getByRole("region", { name: "Add a link" });
		await add.waitFor();

		// A section header: title only.
		await add.getByLabel("Section header").check();
		await expect.poll(() => add.getByLabel("URL").count()).toBe(0);
		await add.getByLabel("Title").fill("Music");
		await add.getByRole("button", { name: "Add header" }).click();
		const row = (title: string) => page.locator("[data-link-id]", { hasText: title });
		await row("Music").waitFor();
		expect(await row("Music").locator(".row-meta").first().textContent()).toContain(
			"Section header",
		);

		// A highlighted link that starts next year.
		await add.getByLabel("Link", { exact: true }).check();
		await add.getByLabel("Title").fill("Tour");
		await add.getByLabel("URL").fill("https://example.com/tour");
		await add.getByText("Highlight and schedule").click();
		await add.getByLabel("Highlight this link").check();
		const year = new Date().getFullYear() + 1;
		await add.getByLabel("Show from").fill(`${year}-05-01T10:30`);
		expect(await seriousAxeViolations(page)).toEqual([]);
		await add.getByRole("button", { name: "Add link" }).click();
		await row("Tour").waitFor();
		const meta = await row("Tour").locator(".row-meta").first().textContent();
		expect(meta).toContain("Highlighted");
		expect(meta).toMatch(/Scheduled \(from .*2\d\d\d/);
		const [tour] = (await api.call("GET /pages/:id/links", { params: { id } })).body.links.filter(
			(l) => l.title === "Tour",
		);
		expect(tour?.startsAt).toBe(new Date(year, 4, 1, 10, 30).toISOString());
		expect(tour?.highlight).toBe(true);

		// Highlighting "Plain" in its edit form moves the highlight there, in the list too. (While
		// editing, the row's title is an input: the row is found by its id.)
		const plain = page.locator(
			`[data-link-id="${await row("Plain").getAttribute("data-link-id")}"]`,
		);
		// Issue 19: "Edit" is in the row's menu, and the edit form saves itself (no save button).
		await plain.getByRole("button", { name: "Actions for “Plain”" }).click();
		await plain.getByRole("menuitem", { name: "Edit", exact: true }).click();
		await plain.getByText("Highlight and schedule").click();
		await plain.getByLabel("Highlight this link").check();
		await expect
			.poll(async () => (await plain.locator(".row-meta").first().textContent()) ?? "")
			.toContain("Highlighted");
		expect(await row("Tour").locator(".row-meta").first().textContent()).not.toContain(
			"Highlighted",
		);
		expect(
			(await api.call("GET /pages/:id/links", { params: { id } })).body.links
				.filter((l) => l.highlight)
				.map((l) => l.title),
		).toEqual(["Plain"]);
		// The row menu offers the same in one step: highlighting "Tour" moves it back.
		await plain.getByRole("button", { name: "Done" }).click();
		await row("Tour").getByRole("button", { name: "Actions for “Tour”" }).click();
		expect(await seriousAxeViolations(page)).toEqual([]);
		await page.getByRole("menuitem", { name: "Highlight", exact: true }).click();
		await expect
			.poll(async () => (await row("Tour").locator(".row-meta").first().textContent()) ?? "")
			.toContain("Highlighted");
		expect(await plain.locator(".row-meta").first().textContent()).not.toContain("Highlighted");
		await context.close();
	}, 120_000);
});
