/**
 * Clicks without JavaScript (issue 17.2): `/_l/{linkId}` answers `302` to a URL the host's own
 * site published, uncached, with one click point; everything else is the 404 page, so the
 * redirect can never be pointed anywhere else (no open redirect).
 */

import { env } from "cloudflare:workers";
import { r2Keys } from "@smartpages/contracts/r2";
import { beforeAll, describe, expect, it } from "vitest";
import { NOT_FOUND_HTML } from "../src/respond";
import { publish } from "./support/publish";
import { visit } from "./support/visit";

const ANNA = "http://links-anna.localhost";
/** A link id as `newId("ln")` shapes it: "ln_" and 20 characters. */
const id = (name: string) => `ln_${name.padEnd(20, "0")}`;
const SHOP_LINK = id("shop");
const HOME_LINK = id("home");
const MAIL_LINK = id("mail");
const BOB_LINK = id("bob");
const OLD = "http://links-old.localhost";

beforeAll(async () => {
	await publish(
		"site-links-anna",
		"links-anna.localhost",
		{ "": "<!doctype html><title>Anna</title>", shop: "<!doctype html><title>Shop</title>" },
		{
			links: {
				"": {
					[HOME_LINK]: "https://example.com/portfolio",
					[MAIL_LINK]: "mailto:anna@example.com",
				},
				shop: { [SHOP_LINK]: "https://shop.example/?ref=anna&x=%2F" },
			},
		},
	);
	await publish(
		"site-links-bob",
		"links-bob.localhost",
		{ "": "<!doctype html><title>Bob</title>" },
		{ links: { "": { [BOB_LINK]: "https://bob.example/" } } },
	);
	// A site published before issue 17: no link maps at all.
	await publish("site-links-old", "links-old.localhost", {
		"": "<!doctype html><title>Old</title>",
	});
});

async function expectNotFound(url: string, options: Parameters<typeof visit>[1] = {}) {
	const { response, points } = await visit(url, options);
	expect(response.status, url).toBe(404);
	expect(response.headers.get("Location"), url).toBeNull();
	expect(await response.text()).toBe(options.method === "HEAD" ? "" : NOT_FOUND_HTML);
	expect(points, url).toEqual([]);
}

describe("#17.2 /_l/{linkId}", () => {
	it("redirects 302 to the published URL, uncached, and appends one click point", async () => {
		const { response, points } = await visit(`${ANNA}/_l/${SHOP_LINK}`, {
			headers: { Referer: `${ANNA}/shop` },
			cf: { country: "AT" },
		});
		expect(response.status).toBe(302);
		expect(response.headers.get("Location")).toBe("https://shop.example/?ref=anna&x=%2F");
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		expect(response.headers.get("Set-Cookie")).toBeNull();
		expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
		expect(points).toHaveLength(1);
		expect(points[0]).toEqual({
			indexes: ["site-links-anna"],
			blobs: ["click", "page-shop", SHOP_LINK, "", "AT", "desktop", "0"],
			doubles: [1],
		});
	});

	it("finds links on every published page and redirects to mailto: too", async () => {
		const home = await visit(`${ANNA}/_l/${HOME_LINK}`);
		expect(home.response.headers.get("Location")).toBe("https://example.com/portfolio");
		expect(home.points[0]?.blobs?.slice(0, 3)).toEqual(["click", "page-home", HOME_LINK]);
		const mail = await visit(`${ANNA}/_l/${MAIL_LINK}`);
		expect(mail.response.headers.get("Location")).toBe("mailto:anna@example.com");
	});

	it("answers HEAD with the redirect but counts no click; a bot's click carries its flag", async () => {
		const head = await visit(`${ANNA}/_l/${HOME_LINK}`, { method: "HEAD" });
		expect(head.response.status).toBe(302);
		expect(head.points).toEqual([]);
		const bot = await visit(`${ANNA}/_l/${HOME_LINK}`, {
			headers: { "User-Agent": "Slackbot 1.0" },
		});
		expect(bot.response.status).toBe(302);
		expect(bot.points[0]?.blobs?.[6]).toBe("1");
	});

	it("a plain HTTP client's click (curl, no JavaScript) counts as a person's", async () => {
		for (const ua of ["curl/8.5.0", ""]) {
			const { response, points } = await visit(`${ANNA}/_l/${HOME_LINK}`, {
				headers: { "User-Agent": ua },
			});
			expect(response.status).toBe(302);
			expect(response.headers.get("Set-Cookie")).toBeNull();
			expect(points).toHaveLength(1);
			expect(points[0]?.blobs?.slice(0, 3)).toEqual(["click", "page-home", HOME_LINK]);
			expect(points[0]?.blobs?.[6], ua).toBe("0");
		}
	});

	it("another site's id, an unknown id, or a site without link maps → the 404 page", async () => {
		await expectNotFound(`${ANNA}/_l/${BOB_LINK}`);
		await expectNotFound(`${ANNA}/_l/${id("unknown")}`);
		await expectNotFound(`${OLD}/_l/${HOME_LINK}`);
		await expectNotFound(`http://links-nobody.localhost/_l/${HOME_LINK}`);
	});

	it("query strings, encoded slashes, odd ids and paths → the 404 page", async () => {
		for (const path of [
			`/_l/${SHOP_LINK}?url=https://evil.example/`,
			`/_l/${SHOP_LINK}?`,
			`/_l/${SHOP_LINK}?next=//evil.example`,
			`/_l/${SHOP_LINK}/`,
			`/_l/${SHOP_LINK}%2F..%2F${BOB_LINK}`,
			`/_l/..%2F${SHOP_LINK}`,
			`/_l/${SHOP_LINK.toUpperCase()}`,
			`/_l/${SHOP_LINK}%00`,
			"/_l/__proto__",
			"/_l/constructor",
			"/_l/",
			"/_l",
			`/_L/${SHOP_LINK}`,
			`//_l/${SHOP_LINK}`,
			`/shop/_l/${SHOP_LINK}`,
			"/_l/https:%2F%2Fevil.example",
		]) {
			const { response } = await visit(`${ANNA}${path}`);
			// "?" alone is no query (URL drops it); everything else is refused.
			if (path.endsWith("?")) {
				expect(response.status).toBe(302);
				continue;
			}
			expect(response.status, path).toBe(404);
			expect(response.headers.get("Location"), path).toBeNull();
		}
	});

	it("never redirects to a URL the publisher would not write, even from a tampered manifest", async () => {
		const key = r2Keys.manifest("site-links-evil");
		await publish("site-links-evil", "links-evil.localhost", {
			"": "<!doctype html><title>E</title>",
		});
		const manifest = (await (await env.PAGES.get(key))?.json()) as {
			pages: Record<string, { links?: Record<string, string> }>;
		};
		const home = manifest.pages[""];
		if (home) {
			home.links = {
				[id("js")]: "javascript:alert(1)",
				[id("data")]: "data:text/html,<script>alert(1)</script>",
				[id("ok")]: "https://fine.example/",
			};
		}
		await env.PAGES.put(key, JSON.stringify(manifest));
		await expectNotFound(`http://links-evil.localhost/_l/${id("js")}`);
		await expectNotFound(`http://links-evil.localhost/_l/${id("data")}`);
		// The rest of the site still serves.
		expect((await visit(`http://links-evil.localhost/_l/${id("ok")}`)).response.status).toBe(302);
		expect((await visit("http://links-evil.localhost/")).response.status).toBe(200);
	});
});
