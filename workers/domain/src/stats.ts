/**
 * Counting at the edge (issue 17): one Analytics Engine data point per page view and per `/_l/`
 * click, laid out by contracts' `toDataPoint`. What a point keeps about a visitor is coarse by
 * design: the referrer's host (never its path), the country Cloudflare already derived, a device
 * class and a bot flag. The IP address, the full user agent and any cookie never leave this file;
 * nothing here sets a cookie.
 *
 * The write never delays or fails the answer: it runs in `ctx.waitUntil`, and any error (a broken
 * binding, a local stand-in that is down) is logged and swallowed.
 */
import { writeLog } from "@smartpages/contracts/log";
import { type DeviceClass, type StatsPoint, toDataPoint } from "@smartpages/contracts/stats";

/** What the visitor's request says about them, reduced to what a data point may hold. */
export interface Visitor {
	referrerHost: string;
	country: string;
	device: DeviceClass;
	bot: boolean;
}

// Tablets first: Android tablets say "Android" without "Mobile"; iPads (before iPadOS 13, which
// presents itself as a Mac and so counts as desktop) say "iPad".
const TABLET = /iPad|Tablet|PlayBook|Silk\/|Kindle|Android(?!.*Mobi)/i;
const MOBILE = /Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|BB10|Opera Mini|IEMobile/i;

/**
 * Known crawlers, link previewers and monitors, by the names they announce. `bot` as a word
 * (Googlebot, bingbot, Twitterbot) but not inside a phone's name (CUBOT). Plain HTTP clients
 * (curl, wget, python-requests, node/undici) and an empty user agent are deliberately NOT here:
 * a person following a link from a script, an app's in-app browser or a privacy tool that strips
 * the header is still a person, and the acceptance follows `/_l/` with curl and expects it to count.
 */
const BOT_UA =
	/(?<!cu)bot\b|crawl|spider|slurp|scrapy|facebookexternalhit|facebookcatalog|meta-externalagent|embedly|preview|whatsapp|skypeuri|vkshare|pinterest|headlesschrome|phantomjs|lighthouse|pagespeed|gtmetrix|pingdom|uptime|validator|ia_archiver|archive\.org|feedfetcher/i;

/** A referrer, a country and a user agent reduced to a data point's fields. */
export function describeVisitor(request: Request, ownHost: string): Visitor {
	const ua = request.headers.get("User-Agent") ?? "";
	return {
		referrerHost: referrerHost(request.headers.get("Referer"), ownHost),
		country: country(request.cf?.country),
		device: deviceClass(ua),
		bot: isBot(ua, request.cf),
	};
}

/** The host of an http(s) Referer, lower case without port; "" when absent, odd or the site itself. */
export function referrerHost(referer: string | null, ownHost: string): string {
	if (!referer) return "";
	let url: URL;
	try {
		url = new URL(referer);
	} catch {
		return "";
	}
	if (url.protocol !== "https:" && url.protocol !== "http:") return "";
	const host = url.hostname.replace(/\.$/, "");
	if (host.length === 0 || host.length > 253 || host === ownHost) return "";
	return host;
}

function country(value: unknown): string {
	// Cloudflare's two-letter code, or its "T1" (Tor); anything else is unknown.
	return typeof value === "string" && /^[A-Z][A-Z0-9]$/.test(value) ? value : "XX";
}

export function deviceClass(ua: string): DeviceClass {
	if (TABLET.test(ua)) return "tablet";
	if (MOBILE.test(ua)) return "mobile";
	return "desktop";
}

/** A known bot: by the crawler names above, or by Cloudflare's verified-bot signals. */
export function isBot(ua: string, cf: Request["cf"]): boolean {
	if (BOT_UA.test(ua)) return true;
	if (!cf) return false;
	const category = cf.verifiedBotCategory;
	if (typeof category === "string" && category !== "") return true;
	// Present only with Bot Management; the type claims it always is.
	const management: unknown = cf.botManagement;
	return (
		typeof management === "object" &&
		management !== null &&
		"verifiedBot" in management &&
		management.verifiedBot === true
	);
}

/** Appends one data point after the answer; failures are logged, never thrown. */
export function count(dataset: AnalyticsEngineDataset, ctx: ExecutionContext, point: StatsPoint) {
	ctx.waitUntil(write(dataset, point));
}

async function write(dataset: AnalyticsEngineDataset, point: StatsPoint): Promise<void> {
	try {
		// Analytics Engine's binding returns nothing; the local stand-in's (tools/stack) returns a
		// promise, which is awaited so its failure is caught here too.
		await dataset.writeDataPoint(toDataPoint(point));
	} catch (error) {
		writeLog("error", "stats write failed", { event: point.event, error: String(error) });
	}
}
