/**
 * Choosing the home page (issue 19 item 7, new-user pass M9): PATCH /pages/:id {isHome: true}
 * makes the page the one served at "/" at once (the manifest is rewritten) and moves the previous
 * home page to its own address; `false`, other types and another account's page change nothing.
 */
import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { type Account, account, call, raw } from "../../support/request";

async function manifest(userId: string): Promise<SiteManifest | undefined> {
	return (await (await env.TEST_PAGES.get(r2Keys.manifest(userId)))?.json()) as
		| SiteManifest
		| undefined;
}

/** A JSON body for `raw`, as the typed client would send it (which cannot send a wrong type). */
const json = (as: Account, body: unknown) => ({
	as,
	body: JSON.stringify(body),
	headers: { "Content-Type": "application/json" },
});

/** A Pro account with two published pages, "Home" (the first, so home) and "Shop". */
async function twoPages(): Promise<{ owner: Account; home: string; shop: string }> {
	const owner = await account("pro", {
		email: `home-${crypto.randomUUID()}@example.com`,
		password: "home page passphrase",
	});
	const ids: string[] = [];
	for (const title of ["Home", "Shop"]) {
		const page = await call("POST /pages", { as: owner, body: { title } });
		const id = page.body.page.id;
		ids.push(id);
		await call("POST /pages/:id/links", {
			as: owner,
			params: { id },
			body: { title: "A link", url: "https://example.com/" },
		});
		await call("POST /pages/:id/publish", { as: owner, params: { id } });
	}
	return { owner, home: ids[0] ?? "", shop: ids[1] ?? "" };
}

describe("happy", () => {
	it("makes another page the home page, served at / at once, the old one at its slug", async () => {
		const { owner, home, shop } = await twoPages();
		const before = await manifest(owner.userId);
		const shopSlug = Object.entries(before?.pages ?? {}).find(([slug]) => slug !== "")?.[0];
		expect(shopSlug).toBeTruthy();

		const res = await call("PATCH /pages/:id", {
			as: owner,
			params: { id: shop },
			body: { isHome: true },
		});
		expect(res.status).toBe(200);
		expect(res.body.page.isHome).toBe(true);
		const pages = (await call("GET /pages", { as: owner })).body.pages;
		expect(pages.filter((p) => p.isHome).map((p) => p.id)).toEqual([shop]);
		const oldHome = pages.find((p) => p.id === home);
		expect(oldHome?.publishedUrl).toMatch(new RegExp(`/${oldHome?.slug}$`));

		const after = await manifest(owner.userId);
		const homeKey = after?.pages[""]?.key;
		expect(homeKey).toBe(before?.pages[shopSlug ?? ""]?.key);
		expect(after?.pages[oldHome?.slug ?? ""]?.key).toBe(before?.pages[""]?.key);

		// Choosing the home page again changes nothing.
		const again = await call("PATCH /pages/:id", {
			as: owner,
			params: { id: shop },
			body: { isHome: true },
		});
		expect(again.body.page.isHome).toBe(true);
	});
});

describe("error", () => {
	it("isHome false or of another type is 400 and changes nothing", async () => {
		const { owner, home, shop } = await twoPages();
		for (const isHome of [false, "true", 1, null]) {
			const res = await raw("PATCH", `/pages/${shop}`, json(owner, { isHome }));
			expect(res.status, JSON.stringify(isHome)).toBe(400);
		}
		const pages = (await call("GET /pages", { as: owner })).body.pages;
		expect(pages.filter((p) => p.isHome).map((p) => p.id)).toEqual([home]);
	});
});

describe("security", () => {
	it("another account's page is 404 and both accounts keep their home pages", async () => {
		const a = await twoPages();
		const b = await twoPages();
		const res = await raw("PATCH", `/pages/${b.shop}`, json(a.owner, { isHome: true }));
		expect(res.status).toBe(404);
		for (const { owner, home } of [a, b]) {
			const pages = (await call("GET /pages", { as: owner })).body.pages;
			expect(pages.filter((p) => p.isHome).map((p) => p.id)).toEqual([home]);
		}
	});
});
