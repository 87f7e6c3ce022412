/**
 * The statistics data point (issue 17): what the Domain Worker appends to Workers Analytics Engine
 * for one page view or one `/_l/{linkId}` click, and what Core's SQL against Analytics Engine's
 * SQL API (or the local stand-in on 12113) reads back. One layout, shared by the writer and the
 * reader, so the two can never disagree about which blob is which. Nothing in it identifies a
 * visitor: no IP address, no cookie, no full user agent.
 */

/** The Analytics Engine dataset (wrangler `analytics_engine_datasets`). */
export const STATS_DATASET = "smartpages_stats";

export const STATS_EVENTS = ["view", "click"] as const;
export type StatsEvent = (typeof STATS_EVENTS)[number];

export const DEVICE_CLASSES = ["mobile", "tablet", "desktop"] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** One counted event, before it is laid out as an Analytics Engine data point. */
export interface StatsPoint {
	/** The site (the account's user id): the sampling index, so each site is sampled on its own. */
	siteId: string;
	event: StatsEvent;
	pageId: string;
	/** The clicked link; "" for a view. */
	linkId: string;
	/** Host of the Referer (lower case, no port); "" when absent, unparsable or the site itself. */
	referrerHost: string;
	/** ISO 3166-1 alpha-2 from `request.cf.country`; "XX" when unknown. */
	country: string;
	device: DeviceClass;
	/** A known bot or crawler: written for completeness, never counted as a view or click. */
	bot: boolean;
}

/**
 * Column names in Analytics Engine's SQL API for each field (`index1`, `blob1…`, `double1`).
 * Counts are `SUM(_sample_interval)`, never `COUNT(*)`: Analytics Engine samples under load.
 */
export const STATS_COLUMNS = {
	siteId: "index1",
	event: "blob1",
	pageId: "blob2",
	linkId: "blob3",
	referrerHost: "blob4",
	country: "blob5",
	device: "blob6",
	bot: "blob7",
	count: "double1",
} as const;

/** The data point `writeDataPoint` takes, laid out as STATS_COLUMNS says. */
export function toDataPoint(point: StatsPoint): {
	indexes: [string];
	blobs: [string, string, string, string, string, string, string];
	doubles: [number];
} {
	return {
		indexes: [point.siteId],
		blobs: [
			point.event,
			point.pageId,
			point.linkId,
			point.referrerHost,
			point.country,
			point.device,
			point.bot ? "1" : "0",
		],
		doubles: [1],
	};
}
