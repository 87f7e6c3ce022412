/**
 * The statistics screen in Chromium (issue 17.7): a published page gets views and clicks over
 * real HTTP from the Domain Worker (browsers, a crawler, `/_l/` clicks) plus earlier days seeded
 * into the statistics stand-in; the screen then shows the totals with their change, the chart,
 * the top link, referrers, countries and devices in English and German, with no axe-core
 * violation at all. Free sees the upgrade prompt for 90 days and for the CSV export, an account
 * without visits sees how counting works, and the editor shows each link's clicks. Screenshots
 * at 360 px and 1280 px go to test-results/screenshots (stats-*.png).
 */
import type { StatsPoint } from "@smartpages/contracts";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getWithHost, stack, until, verifiedAccount } from "../support/api.ts";
import {
	axeViolations,
	logIn,
	newContext,
	screenshot,
	sharedBrowser,
	skipE2E,
} from "../support/browser.ts";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const IPHONE =
	"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

type Account = Awaited<ReturnType<typeof verifiedAccount>>;

/** Today in Europe/Berlin, and `days` before it, as Core counts days. */
function berlinDay(daysBack = 0): string {
	const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
	const at = new Date(Date.parse(`${today}T00:00:00Z`) - daysBack * 86_400_000);
	return at.toISOString().slice(0, 10);
}

/** An account with a published page of three links. */
async function publishedPage(account: Account) {
	const created = await account.api.call("POST /pages", { body: { title: "Studio links" } });
	const pageId = created.body.page.id;
	const links: Record<string, string> = {};
	for (const title of ["Shop", "Blog", "Newsletter"]) {
		const link = await account.api.call("POST /pages/:id/links", {
			params: { id: pageId },
			body: { title, url: `https://example.com/${title.toLowerCase()}` },
		});
		links[title] = link.body.link.id;
	}
	const published = await account.api.call("POST /pages/:id/publish", { params: { id: pageId } });
	expect(published.status).toBe(200);
	return { pageId, links, url: published.body.url };
}

/**
 * Earlier days straight into the stand-in (the Domain Worker writes only "now"): in the last
 * seven days 27 views and 4 clicks, in the seven before 14 views and 2 clicks.
 */
async function seedHistory(siteId: string, pageId: string, links: Record<string, string>) {
	const points: { timestamp: string; point: StatsPoint }[] = [];
	const add = (daysBack: number, event: "view" | "click", extra: Partial<StatsPoint> = {}) =>
		points.push({
			// Noon in Berlin (winter or summer) is the same calendar day there.
			timestamp: `${berlinDay(daysBack)}T10:30:00Z`,
			point: {
				siteId,
				event,
				pageId,
				linkId: "",
				referrerHost: "",
				country: "DE",
				device: "mobile",
				bot: false,
				...extra,
			},
		});
	const referrers = ["www.instagram.com", "www.youtube.com", "", "t.co"];
	const countries = ["DE", "DE", "AT", "CH", "US", "DE"];
	const views = [3, 5, 2, 6, 4, 7];
	for (const [i, count] of views.entries()) {
		for (let n = 0; n < count; n++) {
			add(i + 1, "view", {
				referrerHost: referrers[(i + n) % referrers.length] ?? "",
				country: countries[(i + n) % countries.length] ?? "DE",
				device: n % 3 === 0 ? "desktop" : "mobile",
			});
		}
	}
	add(1, "click", { linkId: links.Shop ?? "" });
	add(3, "click", { linkId: links.Newsletter ?? "" });
	add(3, "click", { linkId: links.Newsletter ?? "" });
	add(5, "click", { linkId: links.Shop ?? "" });
	for (let day = 7; day <= 13; day++) {
		add(day, "view", { referrerHost: "www.instagram.com" });
		add(day, "view", { device: "desktop" });
	}
	add(8, "click", { linkId: links.Blog ?? "" });
	add(10, "click", { linkId: links.Shop ?? "" });
	const res = await fetch(`${stack.urls.stats}/_dev/stats/points`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({ points }),
	});
	expect(res.status).toBe(200);
}

/** Today over HTTP: 5 views by people, one by a crawler; Shop clicked 3 times, Blog once. */
async function visitToday(url: string, links: Record<string, string>) {
	const origin = new URL(url).origin;
	const get = (target: string, headers: Record<string, string>) =>
		getWithHost(target, stack.ports.domain, headers);
	for (const [agent, referrer] of [
		[FIREFOX, "https://www.instagram.com/"],
		[IPHONE, "https://www.instagram.com/stories/"],
		[IPHONE, "https://t.co/abc"],
		[FIREFOX, ""],
		[IPHONE, ""],
	] as const) {
		const res = await get(url, { "User-Agent": agent, ...(referrer ? { Referer: referrer } : {}) });
		expect(res.status).toBe(200);
	}
	expect((await get(url, { "User-Agent": GOOGLEBOT })).status).toBe(200);
	for (const id of [links.Shop, links.Shop, links.Shop, links.Blog]) {
		const click = await get(`${origin}/_l/${id}`, { "User-Agent": IPHONE });
		expect(click.status).toBe(302);
	}
}

/** Opens a screen and waits until its island has loaded what it shows. */
async function open(page: Page, path: string) {
	await page.goto(`${stack.urls.web}${path}`);
	await page.locator("main h1").first().waitFor();
	await expect
		.poll(() => page.locator('astro-island[ssr], main [aria-busy="true"], main .loading').count(), {
			timeout: 20_000,
		})
		.toBe(0);
}

async function expectNoAxeViolations(page: Page, label: string) {
	const violations = await axeViolations(page);
	expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** Full-page screenshots at phone and desktop width (`{name}-360.png`, `{name}-1280.png`). */
async function shots(page: Page, name: string) {
	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
		// Let the layout settle at the new width before the page's full height is measured.
		await page.waitForTimeout(300);
		expect(await screenshot(page, `${name}-${width}`)).toBeGreaterThan(10);
	}
}

/** The figure in the total tile `key` (views, clicks, ctr). */
function tile(page: Page, key: string) {
	return page.locator(`[data-stat="${key}"] .stat-value`);
}

describe.skipIf(skipE2E)("the statistics screen in Chromium", () => {
	const browser = sharedBrowser();
	let account: Account;
	let site: Awaited<ReturnType<typeof publishedPage>>;
	let empty: Account;

	beforeAll(async () => {
		[account, empty] = await Promise.all([verifiedAccount(), verifiedAccount()]);
		site = await publishedPage(account);
		await seedHistory(account.userId, site.pageId, site.links);
		await visitToday(site.url, site.links);
		// Counts reach the API within a minute; locally they are there at once.
		await until(
			() =>
				account.api
					.call("GET /stats", { query: { from: berlinDay(6), to: berlinDay() } })
					.then((r) => r.body.totals),
			(totals) => totals.views === 32 && totals.clicks === 8,
			"32 views and 8 clicks",
			60_000,
		);
	}, 120_000);

	it("shows totals with their change, the chart and the top link in English, axe-clean", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await page
			.getByRole("navigation", { name: "Main" })
			.getByRole("link", { name: "Statistics" })
			.click();
		await page.waitForURL(/\/stats\?range=30$/);
		await page.getByRole("button", { name: "7 days" }).click();
		await expect.poll(() => tile(page, "views").textContent()).toBe("32");
		expect(await tile(page, "clicks").textContent()).toBe("8");
		expect(await tile(page, "ctr").textContent()).toBe("25%");
		// 32 against 14 views, 8 against 2 clicks, 25 % against 14.3 %.
		expect(await page.locator('[data-stat="views"] .stat-change').textContent()).toContain("+129%");
		expect(await page.locator('[data-stat="clicks"] .stat-change').textContent()).toContain(
			"+300%",
		);
		expect(await page.locator('[data-stat="ctr"] .stat-change').textContent()).toContain(
			"+10.7 pts",
		);
		await page.getByText("compared with the previous 7 days").waitFor();

		const chart = page.getByRole("img", { name: /views and clicks/ });
		expect(await chart.getAttribute("aria-label")).toContain("32 views and 8 clicks");
		expect(await chart.locator("rect.bar-views").count()).toBe(7);
		await page.getByText("Show the figures as a table").click();
		expect(await page.locator(".chart-table tbody tr").count()).toBe(7);

		const links = page.getByRole("region", { name: "Top links" });
		const first = links.locator("tbody tr").first();
		expect(await first.locator("th").textContent()).toBe("Shop");
		expect(await first.locator("td").first().textContent()).toBe("5");
		const referrers = page.getByRole("region", { name: "Where visitors come from" });
		await referrers.getByText("instagram.com", { exact: true }).waitFor();
		await referrers.getByText("Direct or unknown").waitFor();
		await page.getByRole("region", { name: "Countries" }).getByText("Germany").waitFor();
		await page.getByRole("region", { name: "Devices" }).getByText("Phone").waitFor();
		expect(await page.getByRole("link", { name: "Statistics" }).getAttribute("aria-current")).toBe(
			"page",
		);
		await expectNoAxeViolations(page, "en /stats?range=7");

		// One page: the selector narrows it, and the address says so.
		await page.getByLabel("Page").selectOption(site.pageId);
		await page.waitForURL(new RegExp(`pageId=${site.pageId}`));
		await expect.poll(() => tile(page, "views").textContent()).toBe("32");
		await context.close();
	}, 90_000);

	it("shows the same in German, with German names and numbers, axe-clean", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await account.api.call("PATCH /me", { body: { locale: "de" } });
		try {
			await open(page, `/de/stats?range=7&pageId=${site.pageId}`);
			await page.getByRole("heading", { level: 1, name: "Statistik" }).waitFor();
			await expect.poll(() => tile(page, "views").textContent()).toBe("32");
			// Intl writes a no-break space before the German per cent sign.
			expect(await tile(page, "ctr").textContent()).toBe("25\u00a0%");
			expect(await page.locator('[data-stat="ctr"] .stat-change').textContent()).toContain(
				"+10,7 Pkt.",
			);
			await page.getByText("im Vergleich zu den vorherigen 7 Tagen").waitFor();
			const chart = page.getByRole("img", { name: /Aufrufe und Klicks/ });
			expect(await chart.getAttribute("aria-label")).toContain("insgesamt 32 Aufrufe und 8 Klicks");
			const links = page.getByRole("region", { name: "Meistgeklickte Links" });
			expect(await links.locator("tbody th").first().textContent()).toBe("Shop");
			await page.getByRole("region", { name: "Länder" }).getByText("Deutschland").waitFor();
			await page.getByRole("region", { name: "Länder" }).getByText("Österreich").waitFor();
			await page.getByRole("region", { name: "Geräte" }).getByText("Smartphone").waitFor();
			await page.getByText("Direkt oder unbekannt").waitFor();
			await expectNoAxeViolations(page, "de /stats?range=7");
			await shots(page, "stats-de");
		} finally {
			await account.api.call("PATCH /me", { body: { locale: "en" } });
		}
		await context.close();
	}, 90_000);

	it("shows the upgrade prompt on Free for 90 days and for the CSV export", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await open(page, "/stats?range=30");
		await page.getByText("Your plan shows the statistics of the last 30 days.").waitFor();
		await page
			.getByText("Your plan reaches back 30 days, so there is no previous period")
			.waitFor();
		await page.getByRole("button", { name: "90 days" }).click();
		await page.getByRole("heading", { name: "Upgrade to SmartPages Pro" }).waitFor();
		await page
			.getByText("Your Free plan shows the statistics of the last 30 days. Pro keeps your whole")
			.waitFor();
		expect(await page.locator("[data-stat]").count()).toBe(0);
		expect(page.url()).toMatch(/range=90$/);
		await expectNoAxeViolations(page, "en /stats?range=90 (Free)");
		await shots(page, "stats-paywall-en");
		await page.getByRole("button", { name: "All time" }).click();
		// The account began today: all of its history fits the Free plan.
		await expect.poll(() => tile(page, "views").textContent()).toBe("5");

		await page.getByRole("button", { name: "7 days" }).click();
		await expect.poll(() => tile(page, "views").textContent()).toBe("32");
		await shots(page, "stats-en");
		await page.getByRole("button", { name: "Download as CSV" }).click();
		await page.getByText("Downloading statistics is not included in your Free plan.").waitFor();
		await expectNoAxeViolations(page, "en /stats export prompt (Free)");
		await context.close();
	}, 90_000);

	it("lets Pro see 90 days and download the CSV through a plain link", async () => {
		const pro = await verifiedAccount();
		const checkout = await pro.api.call("POST /billing/checkout", {
			body: { plan: "pro", interval: "month" },
		});
		const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1];
		await fetch(`${stack.urls.stripe}/_dev/checkout/${sessionId}/complete`, { method: "POST" });
		await until(
			() => pro.api.call("GET /me").then((r) => r.body.entitlements.statsExport),
			(allowed) => allowed,
			"the Pro plan",
			90_000,
		);
		const proSite = await publishedPage(pro);
		await seedHistory(pro.userId, proSite.pageId, proSite.links);
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, pro.email);
		await open(page, "/stats?range=90");
		// 27 + 14 seeded views in the last 14 days; no paywall, a comparison with the 90 before.
		await expect.poll(() => tile(page, "views").textContent()).toBe("41");
		expect(await page.getByText("Upgrade to SmartPages Pro").count()).toBe(0);
		await page.getByText("compared with the previous 90 days").waitFor();
		const href = await page.getByRole("link", { name: "Download as CSV" }).getAttribute("href");
		expect(href).toMatch(/^\/api\/v1\/stats\/export\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
		// A plain link: the browser sends the session cookie, Core answers the CSV.
		const csv = await page.request.get(`${stack.urls.web}${href}`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
		expect((await csv.text()).split("\n").length).toBeGreaterThan(5);
		await expectNoAxeViolations(page, "en /stats?range=90 (Pro)");
		await shots(page, "stats-pro-90-en");
		await context.close();
	}, 120_000);

	it("explains how counting works while there is nothing to count", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, empty.email);
		await open(page, "/stats");
		await page.getByRole("heading", { name: "No visits counted in this period" }).waitFor();
		await page.getByText("No cookies and no consent banner").waitFor();
		await page.getByText("Bots and search-engine crawlers are not counted.").waitFor();
		expect(await page.locator("[data-stat]").count()).toBe(0);
		await expectNoAxeViolations(page, "en /stats (empty)");
		await shots(page, "stats-empty-en");
		await empty.api.call("PATCH /me", { body: { locale: "de" } });
		await open(page, "/de/stats");
		await page
			.getByRole("heading", { name: "In diesem Zeitraum wurden keine Besuche gezählt" })
			.waitFor();
		await page.getByText("Keine Cookies und kein Cookie-Banner").waitFor();
		await expectNoAxeViolations(page, "de /stats (empty)");
		await shots(page, "stats-empty-de");
		await context.close();
	}, 90_000);

	it("shows each link's clicks of the last 30 days in the editor, with a way to its statistics", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		await logIn(page, account.email);
		await open(page, `/pages/edit?id=${site.pageId}`);
		const row = (id: string | undefined) => page.locator(`[data-link-id="${id}"] .link-clicks`);
		// Within 30 days: Shop 3 today and 3 seeded, Blog 1 and 1, Newsletter 2 seeded.
		await expect.poll(() => row(site.links.Shop).textContent()).toBe("6 clicks · 30 days");
		expect(await row(site.links.Blog).textContent()).toBe("2 clicks · 30 days");
		expect(await row(site.links.Newsletter).textContent()).toBe("2 clicks · 30 days");
		expect(await screenshot(page, "stats-editor-en-1280")).toBeGreaterThan(10);
		await page.getByRole("link", { name: "Statistics for this page" }).click();
		await page.waitForURL(new RegExp(`/stats\\?pageId=${site.pageId}`));
		expect(await page.getByLabel("Page").inputValue()).toBe(site.pageId);
		await context.close();
	}, 60_000);
});
