/**
 * Counting at the edge (issue 17.1): which answers append a data point, what the point holds
 * (contracts' layout, nothing that identifies a visitor), and that a failing dataset never
 * changes or fails the answer.
 */

import { STATS_COLUMNS } from "@smartpages/contracts/stats";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deviceClass, isBot, referrerHost } from "../src/stats";
import { publish } from "./support/publish";
import {
	ANDROID_TABLET,
	BROWSER,
	GOOGLEBOT,
	IPAD,
	IPHONE,
	visit,
	type Written,
} from "./support/visit";

const HOST = "stats-anna.localhost";
const PAGE = "http://stats-anna.localhost/";
const ASSET = `${"c".repeat(64)}.png`;

beforeAll(async () => {
	await publish(
		"site-stats-anna",
		HOST,
		{ "": "<!doctype html><title>Anna</title>", shop: "<!doctype html><title>Shop</title>" },
		{ assets: [ASSET] },
	);
});

afterEach(() => {
	vi.restoreAllMocks();
});

/** The point's fields by contracts' column names (index1, blob1…, double1). */
function columns(point: Written | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	out.index1 = point?.indexes?.[0];
	point?.blobs?.forEach((b, i) => {
		out[`blob${i + 1}`] = b;
	});
	out.double1 = point?.doubles?.[0];
	return out;
}

describe("#17.1 what counts as a view", () => {
	it("a GET of a page answered 200 is one view point, laid out as contracts say", async () => {
		const { response, points } = await visit(PAGE, {
			headers: { Referer: "https://www.Instagram.com:443/p/abc?igsh=secret" },
			cf: { country: "DE" },
		});
		expect(response.status).toBe(200);
		expect(points).toHaveLength(1);
		expect(columns(points[0])).toEqual({
			[STATS_COLUMNS.siteId]: "site-stats-anna",
			[STATS_COLUMNS.event]: "view",
			[STATS_COLUMNS.pageId]: "page-home",
			[STATS_COLUMNS.linkId]: "",
			[STATS_COLUMNS.referrerHost]: "www.instagram.com",
			[STATS_COLUMNS.country]: "DE",
			[STATS_COLUMNS.device]: "desktop",
			[STATS_COLUMNS.bot]: "0",
			[STATS_COLUMNS.count]: 1,
		});
	});

	it("a 304 revalidation is a view too, of the page it names", async () => {
		const first = await visit(`${PAGE}shop`);
		const etag = first.response.headers.get("ETag") ?? "";
		const { response, points } = await visit(`${PAGE}shop`, {
			headers: { "If-None-Match": etag },
		});
		expect(response.status).toBe(304);
		expect(points.map((p) => p.blobs?.slice(0, 2))).toEqual([["view", "page-shop"]]);
	});

	it("HEAD, 404s, assets and other hosts append nothing", async () => {
		const cases = [
			visit(PAGE, { method: "HEAD" }),
			visit(`${PAGE}nope`),
			visit(`${PAGE}_assets/${ASSET}`),
			visit("http://nobody-stats.localhost/"),
			visit(PAGE, { method: "POST" }),
		];
		for (const { response, points } of await Promise.all(cases)) {
			expect(points, `${response.status}`).toEqual([]);
		}
	});

	it("no answer ever sets a cookie, counted or not", async () => {
		for (const { response } of await Promise.all([
			visit(PAGE),
			visit(`${PAGE}nope`),
			visit(PAGE, { headers: { "User-Agent": GOOGLEBOT } }),
		])) {
			expect(response.headers.get("Set-Cookie")).toBeNull();
		}
	});

	it("keeps no IP address, no full user agent, no referrer path in the point", async () => {
		const { points } = await visit(PAGE, {
			headers: {
				"CF-Connecting-IP": "203.0.113.7",
				"X-Forwarded-For": "203.0.113.7",
				Referer: "https://news.example/story/42?user=alice",
			},
		});
		const text = JSON.stringify(points);
		for (const secret of ["203.0.113.7", "Chrome/131", "story", "alice"]) {
			expect(text).not.toContain(secret);
		}
	});
});

describe("#17.1 bots are written with their flag, so they are never counted as views", () => {
	it.each([
		["a crawler user agent", { headers: { "User-Agent": GOOGLEBOT } }],
		["a link previewer", { headers: { "User-Agent": "facebookexternalhit/1.1" } }],
		[
			"Cloudflare's verified-bot category",
			{ cf: { verifiedBotCategory: "Search Engine Crawler" } },
		],
		["Bot Management's verified bot", { cf: { botManagement: { verifiedBot: true, score: 1 } } }],
	])("%s → bot flag 1", async (_name, options) => {
		const { points } = await visit(PAGE, options);
		expect(points).toHaveLength(1);
		expect(columns(points[0])[STATS_COLUMNS.bot]).toBe("1");
	});

	it.each([
		["no user agent", ""],
		["curl", "curl/8.5.0"],
		["python-requests", "python-requests/2.32.3"],
		["node's fetch", "node"],
		["undici", "undici"],
		["wget", "Wget/1.21.4"],
	])("a plain HTTP client is a person: %s → bot flag 0", async (_name, ua) => {
		const { points } = await visit(PAGE, { headers: { "User-Agent": ua } });
		expect(points).toHaveLength(1);
		expect(columns(points[0])[STATS_COLUMNS.bot]).toBe("0");
		expect(isBot(ua, undefined)).toBe(false);
	});

	it("recognises browsers as people and crawlers as bots", () => {
		for (const ua of [BROWSER, IPHONE, IPAD, ANDROID_TABLET])
			expect(isBot(ua, undefined)).toBe(false);
		// A phone brand with "bot" inside its name is a person.
		expect(
			isBot("Mozilla/5.0 (Linux; Android 12; CUBOT X50) Mobile Safari/537.36", undefined),
		).toBe(false);
		for (const ua of [
			GOOGLEBOT,
			"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
			"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
			"Twitterbot/1.0",
			"WhatsApp/2.23.20.0",
			"Mozilla/5.0 (compatible; YandexBot/3.0)",
			"Mozilla/5.0 (compatible; AhrefsBot/7.0)",
			"Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
			"Mozilla/5.0 (compatible; Yahoo! Slurp)",
			"Scrapy/2.11 (+https://scrapy.org)",
			"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
		]) {
			expect(isBot(ua, undefined), ua).toBe(true);
		}
	});
});

describe("#17.1 visitor fields", () => {
	it("classifies devices from the user agent", () => {
		expect(deviceClass(BROWSER)).toBe("desktop");
		expect(deviceClass(IPHONE)).toBe("mobile");
		expect(deviceClass(IPAD)).toBe("tablet");
		expect(deviceClass(ANDROID_TABLET)).toBe("tablet");
		expect(
			deviceClass(
				"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131 Mobile Safari/537.36",
			),
		).toBe("mobile");
		expect(deviceClass("")).toBe("desktop");
	});

	it("keeps only the referrer's host, and none for self-referrals and odd values", () => {
		expect(referrerHost("https://t.co/abc", HOST)).toBe("t.co");
		expect(referrerHost("http://EXAMPLE.com.:8080/x", HOST)).toBe("example.com");
		expect(referrerHost(`http://${HOST}/shop`, HOST)).toBe("");
		for (const odd of [null, "", "not a url", "android-app://com.google.android.gm/", "data:,x"]) {
			expect(referrerHost(odd, HOST)).toBe("");
		}
	});

	it("writes XX for an unknown or odd country and the device class of the visitor", async () => {
		const { points } = await visit(PAGE, {
			headers: { "User-Agent": IPHONE },
			cf: { country: "<script>" },
		});
		expect(columns(points[0])).toMatchObject({
			[STATS_COLUMNS.country]: "XX",
			[STATS_COLUMNS.device]: "mobile",
			[STATS_COLUMNS.referrerHost]: "",
		});
		const none = await visit(PAGE);
		expect(columns(none.points[0])[STATS_COLUMNS.country]).toBe("XX");
	});
});

describe("#17.1 a failing dataset never fails or changes the answer", () => {
	it.each(["throw", "reject"] as const)(
		"a dataset that %ss: same page, error logged",
		async (mode) => {
			const errors: unknown[] = [];
			vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
				errors.push(...args);
			});
			const ok = await visit(PAGE);
			const failing = await visit(PAGE, { dataset: mode });
			expect(failing.response.status).toBe(200);
			expect(await failing.response.text()).toBe(await ok.response.text());
			expect(failing.points).toEqual([]);
			expect(errors.some((e) => typeof e === "string" && e.includes("stats write failed"))).toBe(
				true,
			);
		},
	);
});

describe("#17 a worker without a dataset counts nothing (the bench's counting-off worker)", () => {
	it("a page answers as usual; nothing is written, nothing is logged", async () => {
		const logged: unknown[] = [];
		vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
			logged.push(...args);
		});
		const counted = await visit(PAGE);
		const none = await visit(PAGE, { dataset: "none" });
		expect(none.response.status).toBe(200);
		expect(await none.response.text()).toBe(await counted.response.text());
		expect(counted.points).toHaveLength(1);
		expect(none.points).toEqual([]);
		expect(logged).toEqual([]);
	});
});
