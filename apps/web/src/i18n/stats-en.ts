/**
 * English texts of the statistics screen and of the link clicks in the editor (issue 17). Kept
 * in a module of their own and included in the dictionary as `stats`, so the German module is
 * typed against this one like the rest of the dictionary.
 */
import type { DeviceClass } from "@smartpages/contracts";

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

export const statsEn = {
	nav: "Statistics",
	title: "Statistics",
	heading: "Statistics",
	intro: "How your pages are doing: visits, clicks and where your visitors come from.",
	pageLabel: "Page",
	allPages: "All pages",
	rangeLabel: "Period",
	ranges: { "7": "7 days", "30": "30 days", "90": "90 days", all: "All time" },
	/** "1 Nov 2026 – 30 Nov 2026" is built by the screen; this names the days. */
	rangeDays: (from: string, to: string) => (from === to ? from : `${from} – ${to}`),
	totalsHeading: "Totals",
	views: "Views",
	clicks: "Clicks",
	ctr: "Click-through rate",
	comparedWith: (days: number) =>
		`compared with the previous ${days} ${plural(days, "day", "days")}`,
	changeNew: "new",
	changeSame: "±0 %",
	changeUpLabel: (percent: string) => `up ${percent}`,
	changeDownLabel: (percent: string) => `down ${percent}`,
	changeNewLabel: "none in the previous period",
	points: (value: string) => `${value} pts`,
	noComparisonPlan: (days: number) =>
		`Your plan reaches back ${days} days, so there is no previous period to compare with.`,
	chartHeading: {
		day: "Views and clicks per day",
		week: "Views and clicks per week",
		month: "Views and clicks per month",
	},
	chartSummary: (period: string, views: string, clicks: string, peak: string) =>
		`Chart of views and clicks, ${period}: ${views} views and ${clicks} clicks in all.${peak}`,
	chartPeak: (label: string, views: string) => ` Most views: ${label} (${views}).`,
	chartTable: "Show the figures as a table",
	bucket: { day: "Day", week: "Week from", month: "Month" },
	linksHeading: "Top links",
	link: "Link",
	deletedLink: "Deleted link",
	linkCtr: "Click rate",
	noClicks: "No link was clicked in this period.",
	referrersHeading: "Where visitors come from",
	source: "Source",
	direct: "Direct or unknown",
	share: "Share",
	countriesHeading: "Countries",
	country: "Country",
	unknownCountry: "Unknown",
	devicesHeading: "Devices",
	device: "Device",
	devices: { mobile: "Phone", tablet: "Tablet", desktop: "Computer" } satisfies Record<
		DeviceClass,
		string
	>,
	noViews: "No visits in this period.",
	emptyHeading: "No visits counted in this period",
	emptyIntro:
		"As soon as people open your published page, you will see here how many came, which links they clicked and where they came from.",
	emptyNoPage: "Publish a page and share its address to get your first visitors.",
	howHeading: "How SmartPages counts",
	how: [
		"No cookies and no consent banner: nothing is stored in your visitors' browsers.",
		"No JavaScript on your page: clicks are counted when a link is followed.",
		"No IP addresses and no personal data are stored, only the day, the page, the website a visitor came from, the country and the kind of device.",
		"Bots and search-engine crawlers are not counted.",
		"Visits and clicks show up here within a minute.",
	],
	privacyNote:
		"Counted without cookies, without JavaScript and without storing IP addresses. Bots are not counted.",
	exportHeading: "Download",
	export: "Download as CSV",
	exportHint: "All pages, one line per day and source, for spreadsheets.",
	lockedHeading: "Longer periods with Pro",
	planReach: (days: number) => `Your plan shows the statistics of the last ${days} days.`,
	limitDays: (plan: string, days: number) =>
		`Your ${plan} plan shows the statistics of the last ${days} days. Pro keeps your whole history and lets you download it as CSV.`,
	limitExport: (plan: string) => `Downloading statistics is not included in your ${plan} plan.`,
	editorLink: "Statistics for this page",
	linkClicks: (count: string, days: number) =>
		`${count} ${count === "1" ? "click" : "clicks"} · ${days} days`,
};
