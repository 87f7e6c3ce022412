/**
 * Counting at the edge over real HTTP (issue 17.1, 17.2, 17.6): a page with three links is
 * published through Core, requested by browsers (with referrers and devices), crawlers and HEAD,
 * and one link is followed through `/_l/{id}` by a plain HTTP client without JavaScript. The
 * statistics stand-in must hold exactly the data points that makes — views of people, bot views
 * with their flag, clicks — in contracts' layout, and no answer of the Domain Worker may carry a
 * cookie. Then Core's `GET /api/v1/stats` (through the typed client) must read the same figures
 * back from the stand-in's SQL API: the issue's first acceptance point, end to end.
 */
import { STATS_DATASET } from "@smartpages/contracts";
import type { StatsRow } from "@smartpages/local-cloud";
import { describe, expect, it } from "vitest";
import { getWithHost, type HostResponse, stack, verifiedAccount } from "../support/api.ts";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const IPHONE =
	"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const IPAD =
	"Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
/** curl's default user agent: a plain HTTP client is a person, not a bot. */
const CURL = "curl/8.5.0";

/** Today as a calendar day in the account's time zone (Europe/Berlin by default). */
function berlinDay(at: Date): string {
	return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(at);
}

const pointsUrl = (siteId: string) =>
	`${stack.urls.stats}/_local/datasets/${STATS_DATASET}/points?index1=${encodeURIComponent(siteId)}`;

async function pointsOf(siteId: string): Promise<StatsRow[]> {
	const res = await fetch(pointsUrl(siteId));
	expect(res.status).toBe(200);
	return ((await res.json()) as { points: StatsRow[] }).points;
}

/** Waits until the stand-in holds `count` points for the site (writes run after the answer). */
async function waitForPoints(siteId: string, count: number): Promise<StatsRow[]> {
	const deadline = Date.now() + 15_000;
	let points = await pointsOf(siteId);
	while (points.length < count && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 200));
		points = await pointsOf(siteId);
	}
	return points;
}

/** A published page with three links, and the ids its HTML points to. */
async function publishedPage() {
	const account = await verifiedAccount();
	const { api, userId } = account;
	const created = await api.call("POST /pages", { body: { title: "Stats" } });
	const pageId = created.body.page.id;
	const urls = ["https://example.com/one", "https://example.org/two?x=1", "mailto:a@example.com"];
	const linkIds: string[] = [];
	for (const [i, url] of urls.entries()) {
		const link = await api.call("POST /pages/:id/links", {
			params: { id: pageId },
			body: { title: `Link ${i + 1}`, url },
		});
		linkIds.push(link.body.link.id);
	}
	// A disabled fourth link is not published, so its /_l/ is a 404.
	const hidden = await api.call("POST /pages/:id/links", {
		params: { id: pageId },
		body: { title: "Hidden", url: "https://example.net/hidden", enabled: false },
	});
	const published = await api.call("POST /pages/:id/publish", { params: { id: pageId } });
	expect(published.status).toBe(200);
	return {
		api,
		siteId: userId,
		pageId,
		url: published.body.url,
		urls,
		linkIds,
		hiddenId: hidden.body.link.id,
	};
}

describe("#17.1 #17.2 counting at the edge, over HTTP", () => {
	it("views, bot views, HEAD and clicks reach the stand-in as exactly the expected points", async () => {
		const site = await publishedPage();
		const origin = new URL(site.url).origin;
		const answers: HostResponse[] = [];
		const get = async (url: string, headers: Record<string, string>, method = "GET") => {
			const res = await getWithHost(url, stack.ports.domain, headers, method);
			answers.push(res);
			return res;
		};

		const page = await get(site.url, { "User-Agent": FIREFOX });
		const html = await page.text();
		expect(page.status).toBe(200);
		for (const id of site.linkIds) expect(html).toContain(`href="/_l/${id}"`);
		for (const url of site.urls) expect(html).not.toContain(url);

		// Five browser views in all (the one above included), from different referrers and devices.
		await get(site.url, { "User-Agent": FIREFOX, Referer: "https://www.instagram.com/" });
		await get(site.url, { "User-Agent": IPHONE, Referer: "https://t.co/abc?s=20" });
		await get(site.url, { "User-Agent": IPAD, Referer: "https://news.example/story" });
		await get(site.url, { "User-Agent": IPHONE, Referer: `${origin}/` });
		// Two crawler views and a HEAD.
		await get(site.url, { "User-Agent": GOOGLEBOT });
		await get(site.url, { "User-Agent": "facebookexternalhit/1.1" });
		expect((await get(site.url, { "User-Agent": FIREFOX }, "HEAD")).status).toBe(200);

		// Three clicks on the second link by a plain HTTP client (curl's user agent, no JavaScript,
		// no redirect follow, no Referer).
		const [, second = ""] = site.linkIds;
		for (let i = 0; i < 3; i++) {
			const click = await get(`${origin}/_l/${second}`, { "User-Agent": CURL });
			expect(click.status).toBe(302);
			expect(click.headers.get("Location")).toBe(site.urls[1]);
			expect(click.headers.get("Cache-Control")).toBe("no-store");
		}
		// Not clicks: a disabled link, an unknown id, a query-string trick.
		for (const path of [
			`/_l/${site.hiddenId}`,
			"/_l/ln_00000000000000000000",
			`/_l/${second}?url=https://evil.example/`,
		]) {
			const res = await get(`${origin}${path}`, { "User-Agent": FIREFOX });
			expect(res.status, path).toBe(404);
			expect(res.headers.get("Location"), path).toBeNull();
		}

		const points = await waitForPoints(site.siteId, 10);
		// Give a stray late write the chance to show up before counting exactly.
		await new Promise((r) => setTimeout(r, 500));
		const final = await pointsOf(site.siteId);
		expect(final).toHaveLength(10);
		expect(points.length).toBe(10);

		const views = final.filter((p) => p.blob1 === "view");
		const clicks = final.filter((p) => p.blob1 === "click");
		expect(views.filter((p) => p.blob7 === "0")).toHaveLength(5);
		expect(views.filter((p) => p.blob7 === "1")).toHaveLength(2);
		expect(clicks).toHaveLength(3);
		for (const p of final) {
			expect(p.index1).toBe(site.siteId);
			expect(p.blob2).toBe(site.pageId);
			expect(p.double1).toBe(1);
			expect(p._sample_interval).toBe(1);
			expect(p.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		}
		for (const c of clicks) {
			expect(c).toMatchObject({ blob3: second, blob4: "", blob6: "desktop", blob7: "0" });
		}
		const people = views.filter((p) => p.blob7 === "0");
		expect(people.map((p) => p.blob4).sort()).toEqual(
			["", "", "news.example", "t.co", "www.instagram.com"].sort(),
		);
		expect(people.map((p) => p.blob6).sort()).toEqual(
			["desktop", "desktop", "mobile", "mobile", "tablet"].sort(),
		);
		// Locally the country is whatever miniflare's stand-in `request.cf` says; always two letters.
		for (const p of final) expect(p.blob5).toMatch(/^[A-Z][A-Z0-9]$/);

		// Nothing identifying: the stand-in holds no user agent, no full referrer, no address.
		const stored = JSON.stringify(final);
		for (const secret of ["Firefox", "iPhone OS", "story", "s=20", "127.0.0.1"]) {
			expect(stored).not.toContain(secret);
		}
		for (const res of answers) expect(res.headers.get("Set-Cookie")).toBeNull();

		// Read back through Core: GET /api/v1/stats asks the stand-in's SQL API (within 60 s, as the
		// acceptance allows; locally the points are there already, so the first answer should do).
		const today = berlinDay(new Date());
		const from = berlinDay(new Date(Date.now() - 86_400_000));
		const read = async (pageId?: string) => {
			const res = await site.api.call("GET /stats", {
				query: { from, to: today, ...(pageId ? { pageId } : {}) },
			});
			expect(res.status, res.text).toBe(200);
			return res.body;
		};
		const deadline = Date.now() + 60_000;
		let report = await read();
		while ((report.totals.views < 5 || report.totals.clicks < 3) && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 1000));
			report = await read();
		}
		for (const answer of [report, await read(site.pageId)]) {
			expect(answer.from).toBe(from);
			expect(answer.to).toBe(today);
			expect(answer.totals).toEqual({ views: 5, clicks: 3, ctr: 0.6 });
			expect(answer.days.reduce((n, d) => n + d.views, 0)).toBe(5);
			expect(answer.days.reduce((n, d) => n + d.clicks, 0)).toBe(3);
			expect(answer.links).toEqual([{ linkId: second, title: "Link 2", clicks: 3 }]);
			expect(answer.referrers).toEqual([
				{ host: "", views: 2 },
				{ host: "news.example", views: 1 },
				{ host: "t.co", views: 1 },
				{ host: "www.instagram.com", views: 1 },
			]);
			expect(answer.devices).toEqual([
				{ device: "desktop", views: 2 },
				{ device: "mobile", views: 2 },
				{ device: "tablet", views: 1 },
			]);
			expect(answer.countries.reduce((n, c) => n + c.views, 0)).toBe(5);
		}
	});
});
