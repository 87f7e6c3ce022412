/**
 * Statistics answers from merged lines (issue 17): the JSON report of `GET /stats` and the CSV of
 * `GET /stats/export`, built from `StatsFact`s whatever their source (D1 roll-ups for rolled-up
 * days, Analytics Engine for the rest), so a day reads the same before and after its roll-up.
 */
import { DEVICE_CLASSES, type StatsFact, type StatsReport } from "@smartpages/contracts";
import { daysFrom } from "./days";

type Tally = Map<string, number>;

function add(tally: Tally, key: string, n: number): void {
	tally.set(key, (tally.get(key) ?? 0) + n);
}

/** Highest count first; ties by key, ascending, so equal data always gives the same order. */
function ranked(tally: Tally): [string, number][] {
	return [...tally].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

/** Clicks per view, four decimals; 0 without views. */
export function clickThroughRate(clicks: number, views: number): number {
	return views > 0 ? Math.round((clicks / views) * 10_000) / 10_000 : 0;
}

/** The `GET /stats` answer for [from, to] from the lines of those days. */
export function buildReport(
	from: string,
	to: string,
	facts: StatsFact[],
	linkTitles: Map<string, string>,
): StatsReport {
	const views: Tally = new Map();
	const clicks: Tally = new Map();
	const links: Tally = new Map();
	const referrers: Tally = new Map();
	const countries: Tally = new Map();
	const devices: Tally = new Map();
	for (const fact of facts) {
		if (fact.date < from || fact.date > to || fact.count <= 0) continue;
		if (fact.event === "view") {
			add(views, fact.date, fact.count);
			add(referrers, fact.referrerHost, fact.count);
			add(countries, fact.country, fact.count);
			add(devices, fact.device, fact.count);
		} else {
			add(clicks, fact.date, fact.count);
			if (fact.linkId !== "") add(links, fact.linkId, fact.count);
		}
	}
	const days = daysFrom(from, to).map((date) => ({
		date,
		views: views.get(date) ?? 0,
		clicks: clicks.get(date) ?? 0,
	}));
	const totalViews = days.reduce((sum, d) => sum + d.views, 0);
	const totalClicks = days.reduce((sum, d) => sum + d.clicks, 0);
	const isDevice = (d: string): d is (typeof DEVICE_CLASSES)[number] =>
		(DEVICE_CLASSES as readonly string[]).includes(d);
	return {
		from,
		to,
		totals: {
			views: totalViews,
			clicks: totalClicks,
			ctr: clickThroughRate(totalClicks, totalViews),
		},
		days,
		links: ranked(links).map(([linkId, n]) => ({
			linkId,
			title: linkTitles.get(linkId) ?? "",
			clicks: n,
		})),
		referrers: ranked(referrers).map(([host, n]) => ({ host, views: n })),
		countries: ranked(countries).map(([country, n]) => ({ country, views: n })),
		devices: ranked(devices).flatMap(([device, n]) =>
			isDevice(device) ? [{ device, views: n }] : [],
		),
	};
}

export const CSV_HEADER = [
	"date",
	"page_id",
	"event",
	"link_id",
	"referrer_host",
	"country",
	"device",
	"count",
] as const;

/**
 * One CSV field: always quoted (quotes doubled), and a value a spreadsheet would run as a formula
 * (leading =, +, -, @, tab or CR) is prefixed with an apostrophe.
 */
function field(value: string | number): string {
	const text = String(value);
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return `"${safe.replaceAll('"', '""')}"`;
}

/** The export: a header and one line per day and combination, in a stable order (CRLF, RFC 4180). */
export function buildCsv(facts: StatsFact[]): string {
	const key = (f: StatsFact) =>
		[f.date, f.pageId, f.event, f.linkId, f.referrerHost, f.country, f.device].join("\u0000");
	const lines = facts
		.filter((f) => f.count > 0)
		.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
		.map((f) =>
			[f.date, f.pageId, f.event, f.linkId, f.referrerHost, f.country, f.device, f.count]
				.map(field)
				.join(","),
		);
	return `${[CSV_HEADER.join(","), ...lines].join("\r\n")}\r\n`;
}
