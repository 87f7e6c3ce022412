/**
 * Counting at the edge (issue 17): one Analytics Engine data point per page view and per `/_l/`
 * click, laid out by contracts' `toDataPoint`. What a point keeps about a visitor is coarse by
 * design: the referrer's host (never its path), the country Cloudflare already derived, a device
 * class and a bot flag. The IP address, the full user agent and any cookie never leave this file;
 * nothing here sets a cookie.
 *
 * The write never delays or fails the answer: the binding queues the point (a stand-in's promise
 * runs on in `ctx.waitUntil`), and any error (a broken binding, a local stand-in that is down) is
 * logged and swallowed.
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
	const agent = describeAgent(request.headers.get("User-Agent") ?? "");
	const cf = request.cf;
	return {
		referrerHost: referrerHost(request.headers.get("Referer"), ownHost),
		country: country(cf?.country),
		device: agent.device,
		bot: agent.bot || isVerifiedBot(cf),
	};
}

// User agents repeat: a few hundred strings make most of a site's traffic. What the patterns say
// about one is kept per isolate, so a view runs them once per string rather than per request;
// bounded (cleared when full), and only for strings of a normal length.
const agents = new Map<string, { device: DeviceClass; bot: boolean }>();
const MAX_AGENTS = 512;
const MAX_AGENT_LENGTH = 512;

function describeAgent(ua: string): { device: DeviceClass; bot: boolean } {
	const known = agents.get(ua);
	if (known) return known;
	const described = { device: deviceClass(ua), bot: BOT_UA.test(ua) };
	if (ua.length <= MAX_AGENT_LENGTH) {
		if (agents.size >= MAX_AGENTS) agents.clear();
		agents.set(ua, described);
	}
	return described;
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
	return BOT_UA.test(ua) || isVerifiedBot(cf);
}

/** Cloudflare's verified-bot signals about the request. */
function isVerifiedBot(cf: Request["cf"]): boolean {
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

/**
 * Appends one data point; failures are logged, never thrown. Analytics Engine's binding only
 * queues the point in the runtime and returns nothing, so the call costs the answer no wait; the
 * local stand-in's (tools/stack) returns a promise, which is kept alive after the answer with
 * `waitUntil` so its failure is caught too.
 */
export function count(dataset: AnalyticsEngineDataset, ctx: ExecutionContext, point: StatsPoint) {
	const failed = (error: unknown) =>
		writeLog("error", "stats write failed", { event: point.event, error: String(error) });
	try {
		const pending: unknown = dataset.writeDataPoint(toDataPoint(point));
		// A thenable, not necessarily a Promise: an RPC stub's answer is the runtime's own kind.
		if (isThenable(pending)) ctx.waitUntil(Promise.resolve(pending).catch(failed));
	} catch (error) {
		failed(error);
	}
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return (
		(typeof value === "object" || typeof value === "function") &&
		value !== null &&
		typeof (value as { then?: unknown }).then === "function"
	);
}
