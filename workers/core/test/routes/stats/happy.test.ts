/**
 * GET /stats and GET /stats/export (issue 17) on their happy paths, through the real app: Core
 * reads recent days from the real Analytics Engine SQL API stand-in (seeded with data points in
 * the Domain Worker's layout) and rolled-up days from D1 through the Customer Worker.
 */
import { describe, expect, it } from "vitest";
import { account, call, withResources } from "../../support/request";
import { at, daysAgo, point, seed, today } from "../../support/stats";

/** A Pro account with a page and one link, and a second page. */
async function proSite() {
	const owner = await withResources(await account("pro"), { title: "Stats" });
	const second = await call("POST /pages", { as: owner, body: { title: "Second" } });
	return { ...owner, secondPageId: second.body.page.id };
}

describe("GET /stats", () => {
	it("counts views and clicks per day, without bots, other sites or other pages mixed in", async () => {
		const site = await proSite();
		const stranger = await account("pro");
		const [d0, d1, d3] = [daysAgo(0), daysAgo(1), daysAgo(3)];
		const view = (day: string, fields = {}) =>
			point(site.userId, at(day), { pageId: site.pageId, ...fields });
		await seed([
			view(d3, { referrerHost: "instagram.com", device: "mobile", country: "AT" }),
			view(d3, { referrerHost: "instagram.com", device: "mobile", country: "DE" }),
			view(d1, { referrerHost: "t.co", device: "tablet" }),
			view(d1),
			view(d0, { referrerHost: "instagram.com" }),
			view(d0, { bot: true, referrerHost: "crawler.example" }),
			view(d1, { event: "click", linkId: site.linkId }),
			view(d0, { event: "click", linkId: site.linkId }),
			view(d0, { event: "click", linkId: "ln_gone00000000000000000" }),
			view(d0, { event: "click", linkId: site.linkId, bot: true }),
			point(site.userId, at(d0), { pageId: site.secondPageId }),
			point(stranger.userId, at(d0), { pageId: site.pageId }),
		]);

		const res = await call("GET /stats", { as: site, query: { from: daysAgo(6), to: d0 } });
		expect(res.status, res.text).toBe(200);
		const report = res.body;
		expect(report.from).toBe(daysAgo(6));
		expect(report.to).toBe(d0);
		// The whole account: the second page's view counts, the stranger's never.
		expect(report.totals).toEqual({ views: 6, clicks: 3, ctr: 0.5 });
		expect(report.days).toHaveLength(7);
		expect(report.days.find((d) => d.date === d3)).toEqual({ date: d3, views: 2, clicks: 0 });
		expect(report.days.find((d) => d.date === d1)).toEqual({ date: d1, views: 2, clicks: 1 });
		expect(report.days.find((d) => d.date === d0)).toEqual({ date: d0, views: 2, clicks: 2 });
		expect(report.days.map((d) => d.date)).toEqual([...report.days.map((d) => d.date)].sort());
		expect(report.links).toEqual([
			{ linkId: site.linkId, title: "L", clicks: 2 },
			{ linkId: "ln_gone00000000000000000", title: "", clicks: 1 },
		]);
		expect(report.referrers).toEqual([
			{ host: "instagram.com", views: 3 },
			{ host: "", views: 2 },
			{ host: "t.co", views: 1 },
		]);
		expect(report.countries).toEqual([
			{ country: "DE", views: 5 },
			{ country: "AT", views: 1 },
		]);
		expect(report.devices).toEqual([
			{ device: "desktop", views: 3 },
			{ device: "mobile", views: 2 },
			{ device: "tablet", views: 1 },
		]);

		const page = await call("GET /stats", {
			as: site,
			query: { pageId: site.pageId, from: d3, to: d0 },
		});
		expect(page.body.totals).toEqual({ views: 5, clicks: 3, ctr: 0.6 });
		const other = await call("GET /stats", {
			as: site,
			query: { pageId: site.secondPageId, from: d0, to: d0 },
		});
		expect(other.body.totals).toEqual({ views: 1, clicks: 0, ctr: 0 });
	});

	it("answers zeros for every day of a range without visits", async () => {
		const site = await proSite();
		const res = await call("GET /stats", { as: site, query: { from: daysAgo(2), to: today() } });
		expect(res.body).toEqual({
			from: daysAgo(2),
			to: today(),
			totals: { views: 0, clicks: 0, ctr: 0 },
			days: [2, 1, 0].map((n) => ({ date: daysAgo(n), views: 0, clicks: 0 })),
			links: [],
			referrers: [],
			countries: [],
			devices: [],
		});
	});

	it("lets a free account read its last 30 days", async () => {
		const free = await withResources(await account("free"));
		await seed([point(free.userId, at(daysAgo(29)), { pageId: free.pageId })]);
		const res = await call("GET /stats", { as: free, query: { from: daysAgo(29), to: today() } });
		expect(res.status, res.text).toBe(200);
		expect(res.body.totals.views).toBe(1);
	});
});

describe("GET /stats/export", () => {
	it("downloads one CSV line per day and combination, spreadsheet formulas defused", async () => {
		const site = await proSite();
		const d1 = daysAgo(1);
		await seed([
			point(site.userId, at(d1), { pageId: site.pageId, referrerHost: "=cmd.example" }),
			point(site.userId, at(d1), { pageId: site.pageId, referrerHost: "=cmd.example" }),
			point(site.userId, at(d1), { pageId: site.pageId, event: "click", linkId: site.linkId }),
		]);
		const res = await call("GET /stats/export", { as: site, query: { from: d1, to: d1 } });
		expect(res.status, res.text).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
		expect(res.headers.get("Content-Disposition")).toBe(
			`attachment; filename="smartpages-stats-${d1}-${d1}.csv"`,
		);
		expect(res.body.split("\r\n")).toEqual([
			"date,page_id,event,link_id,referrer_host,country,device,count",
			`"${d1}","${site.pageId}","click","${site.linkId}","","DE","desktop","1"`,
			`"${d1}","${site.pageId}","view","","'=cmd.example","DE","desktop","2"`,
			"",
		]);
	});
});
