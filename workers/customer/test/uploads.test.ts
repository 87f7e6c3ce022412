/**
 * Thumbnails and background images (issue 18) against real D1 and R2: the same lifecycle as the
 * avatar — of concurrent changes one wins and nothing is left behind that nothing names; bytes
 * shared by several links (one content-hash name) stay until the last of them lets go; the
 * manifest lists exactly the images the account's links and pages name.
 */
import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { createLink, findLink } from "../src/links/store";
import { createPage } from "../src/pages/store";
import { removeLinkThumbnail, setLinkThumbnail, setPageBackground } from "../src/pages/uploads";
import { createUser } from "../src/users/store";
import { testSite } from "./support/site";

const site = testSite();
const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const PNG = bytes(
	"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
);
const GIF = bytes("R0lGODlhAwACAIAAAExpccgUFCH5BAUAAAAALAAAAAADAAIAAAICjF8AOw==");

let userId = "";
let pageId = "";
let links: string[] = [];

async function storedAssets(): Promise<string[]> {
	const { objects } = await env.PAGES.list({ prefix: r2Keys.asset(userId, "") });
	return objects.map((o) => o.key.slice(r2Keys.asset(userId, "").length)).sort();
}

async function manifestAssets(): Promise<string[]> {
	const object = await env.PAGES.get(r2Keys.manifest(userId));
	return [...(((await object?.json()) as SiteManifest | undefined)?.assets ?? [])].sort();
}

async function thumbnail(linkId: string): Promise<string | null> {
	return (await findLink(env.DB, userId, pageId, linkId))?.thumbnail_key ?? null;
}

beforeEach(async () => {
	const created = await createUser(env.DB, {
		email: `uploads-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	userId = created.user.id;
	const page = await createPage(env.DB, userId, { title: "Home" }, { max: 10, plan: "pro" });
	pageId = page.ok ? page.value.id : "";
	links = [];
	for (const title of ["One", "Two"]) {
		const link = await createLink(
			env.DB,
			userId,
			pageId,
			{ title, url: "https://example.com/" },
			{ max: 10, plan: "pro" },
		);
		links.push(link.ok ? link.value.id : "");
	}
});

describe("thumbnails", () => {
	it("of two uploads at once one wins and only its bytes stay", async () => {
		const [one = ""] = links;
		const results = await Promise.all([
			setLinkThumbnail(site, userId, pageId, one, PNG),
			setLinkThumbnail(site, userId, pageId, one, GIF),
		]);
		for (const r of results) if (!r.ok) expect(r.code).toBe("conflict");
		const name = (await thumbnail(one)) ?? "";
		expect(name).not.toBe("");
		expect(await storedAssets()).toEqual([name]);
		expect(await manifestAssets()).toEqual([name]);
	});

	it("keeps bytes two links share until the last one lets go", async () => {
		const [one = "", two = ""] = links;
		await setLinkThumbnail(site, userId, pageId, one, PNG);
		await setLinkThumbnail(site, userId, pageId, two, PNG);
		const name = (await thumbnail(one)) ?? "";
		expect(await thumbnail(two)).toBe(name);
		expect((await removeLinkThumbnail(site, userId, pageId, one)).ok).toBe(true);
		expect(await storedAssets()).toEqual([name]);
		expect(await manifestAssets()).toEqual([name]);
		expect((await removeLinkThumbnail(site, userId, pageId, two)).ok).toBe(true);
		expect(await storedAssets()).toEqual([]);
		expect(await manifestAssets()).toEqual([]);
	});

	it("an upload and a removal at once leave no image that nothing names", async () => {
		const [one = ""] = links;
		await setLinkThumbnail(site, userId, pageId, one, PNG);
		await Promise.all([
			setLinkThumbnail(site, userId, pageId, one, GIF),
			removeLinkThumbnail(site, userId, pageId, one),
		]);
		const name = await thumbnail(one);
		expect(await storedAssets()).toEqual(name ? [name] : []);
		expect(await manifestAssets()).toEqual(name ? [name] : []);
	});

	it("a thumbnail and a background of the same bytes are one asset, listed once", async () => {
		const [one = ""] = links;
		await setLinkThumbnail(site, userId, pageId, one, GIF);
		const page = await setPageBackground(site, userId, pageId, GIF);
		expect(page.ok && page.value.design.backgroundImage).toBe(true);
		expect(await storedAssets()).toHaveLength(1);
		expect(await manifestAssets()).toHaveLength(1);
		await removeLinkThumbnail(site, userId, pageId, one);
		expect(await storedAssets()).toHaveLength(1);
	});

	it("another account's link is not found and nothing is stored", async () => {
		const [one = ""] = links;
		const other = await createUser(env.DB, {
			email: `uploads-other-${crypto.randomUUID()}@example.com`,
			passwordHash: "x",
			locale: "en",
		});
		const result = await setLinkThumbnail(site, other.user.id, pageId, one, PNG);
		expect(result.ok ? "ok" : result.code).toBe("not_found");
		const { objects } = await env.PAGES.list({ prefix: r2Keys.asset(other.user.id, "") });
		expect(objects).toEqual([]);
		expect(await thumbnail(one)).toBeNull();
	});
});
