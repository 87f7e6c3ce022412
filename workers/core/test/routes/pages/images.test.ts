/**
 * Link thumbnails and page background images (issue 18, src/routes/pages/images.ts), end to end
 * in workerd (Core → Customer → D1/R2): the avatar's upload rules (type from the bytes, strict
 * checks; thumbnails at most 256 KiB and 1024 px a side), stored under a content hash, named in
 * the site manifest, rendered with width/height and an empty alt; removal takes them out of the
 * manifest and R2; another account's page or link is a 404 and nothing changes.
 */
import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest, THUMBNAIL_LIMIT } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import {
	type Account,
	account,
	call,
	type Resources,
	raw,
	withResources,
} from "../../support/request";

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
// A real 3×2 PNG (libvips).
const PNG = bytes(
	"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
);
const GIF = bytes("R0lGODlhAwACAIAAAExpccgUFCH5BAUAAAAALAAAAAADAAIAAAICjF8AOw==");

function crc32(data: Uint8Array): number {
	let crc = -1;
	for (const byte of data) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return (crc ^ -1) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.byteLength);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.byteLength);
	out.set(new TextEncoder().encode(type), 4);
	out.set(data, 8);
	view.setUint32(8 + data.byteLength, crc32(out.subarray(4, 8 + data.byteLength)));
	return out;
}

/** A structurally valid PNG declaring `width` × `height` (an empty zlib stream as its data). */
function pngOfSize(width: number, height: number): Uint8Array {
	const ihdr = new Uint8Array(13);
	const view = new DataView(ihdr.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	ihdr.set([8, 2, 0, 0, 0], 8);
	const parts = [
		Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk("IHDR", ihdr),
		chunk("IDAT", Uint8Array.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
		chunk("IEND", new Uint8Array()),
	];
	const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.byteLength;
	}
	return out;
}

type Owner = Account & Resources;

function upload(owner: Owner, body: Uint8Array, type = "image/png", as: Account = owner) {
	return raw("PUT", `/pages/${owner.pageId}/links/${owner.linkId}/thumbnail`, {
		as,
		body,
		headers: { "Content-Type": type },
	});
}

async function thumbnailKey(linkId: string): Promise<string | null> {
	const row = await env.TEST_DB.prepare("SELECT thumbnail_key FROM links WHERE id = ?")
		.bind(linkId)
		.first<{ thumbnail_key: string | null }>();
	return row?.thumbnail_key ?? null;
}

async function manifest(userId: string): Promise<SiteManifest | undefined> {
	return (await (await env.TEST_PAGES.get(r2Keys.manifest(userId)))?.json()) as
		| SiteManifest
		| undefined;
}

describe("happy", () => {
	it("uploads, publishes with width/height and empty alt, and removes a thumbnail", async () => {
		const owner = await withResources(await account("free"));
		const res = await call("PUT /pages/:id/links/:linkId/thumbnail", {
			as: owner,
			params: { id: owner.pageId, linkId: owner.linkId },
			body: PNG,
			headers: { "Content-Type": "image/png" },
		});
		expect(res.status).toBe(200);
		const url = res.body.link.thumbnailUrl ?? "";
		expect(url).toMatch(/^\/_assets\/[0-9a-f]{64}\.png$/);
		const name = url.slice("/_assets/".length);
		expect(await env.TEST_PAGES.head(r2Keys.asset(owner.userId, name))).not.toBeNull();
		expect((await manifest(owner.userId))?.assets).toContain(name);

		const links = await call("GET /pages/:id/links", { as: owner, params: { id: owner.pageId } });
		expect(links.body.links[0]?.thumbnailUrl).toBe(url);

		const published = await call("POST /pages/:id/publish", {
			as: owner,
			params: { id: owner.pageId },
		});
		const key = (await manifest(owner.userId))?.pages[""]?.key ?? "";
		const html = (await (await env.TEST_PAGES.get(key))?.text()) ?? "";
		expect(published.status).toBe(200);
		expect(html).toMatch(
			new RegExp(`<img class="thumb" src="https?://[^"]+${url}" alt="" width="40" height="40"/?>`),
		);

		const removed = await call("DELETE /pages/:id/links/:linkId/thumbnail", {
			as: owner,
			params: { id: owner.pageId, linkId: owner.linkId },
		});
		expect(removed.status).toBe(204);
		expect(await thumbnailKey(owner.linkId)).toBeNull();
		expect((await manifest(owner.userId))?.assets).not.toContain(name);
		expect(await env.TEST_PAGES.head(r2Keys.asset(owner.userId, name))).toBeNull();
		// Removing again is a no-op.
		const again = await call("DELETE /pages/:id/links/:linkId/thumbnail", {
			as: owner,
			params: { id: owner.pageId, linkId: owner.linkId },
		});
		expect(again.status).toBe(204);
	});

	it("keeps bytes the avatar also uses when the thumbnail goes", async () => {
		const owner = await withResources(await account("free"));
		expect((await upload(owner, GIF, "image/gif")).status).toBe(200);
		const avatar = await raw("PUT", "/profile/avatar", {
			as: owner,
			body: GIF,
			headers: { "Content-Type": "image/gif" },
		});
		expect(avatar.status).toBe(200);
		const name = (await thumbnailKey(owner.linkId)) ?? "";
		const removed = await raw("DELETE", `/pages/${owner.pageId}/links/${owner.linkId}/thumbnail`, {
			as: owner,
		});
		expect(removed.status).toBe(204);
		expect(await env.TEST_PAGES.head(r2Keys.asset(owner.userId, name))).not.toBeNull();
		expect((await manifest(owner.userId))?.assets).toContain(name);
	});

	it("deleting the link or the page deletes the images only it named", async () => {
		const owner = await withResources(await account("free"));
		expect((await upload(owner, PNG)).status).toBe(200);
		const thumb = (await thumbnailKey(owner.linkId)) ?? "";
		const deleted = await raw("DELETE", `/pages/${owner.pageId}/links/${owner.linkId}`, {
			as: owner,
		});
		expect(deleted.status).toBe(204);
		expect(await env.TEST_PAGES.head(r2Keys.asset(owner.userId, thumb))).toBeNull();

		const background = await raw("PUT", `/pages/${owner.pageId}/background`, {
			as: owner,
			body: GIF,
			headers: { "Content-Type": "image/gif" },
		});
		expect(background.status).toBe(200);
		const { objects } = await env.TEST_PAGES.list({ prefix: r2Keys.asset(owner.userId, "") });
		expect(objects).toHaveLength(1);
		expect((await raw("DELETE", `/pages/${owner.pageId}`, { as: owner })).status).toBe(204);
		const after = await env.TEST_PAGES.list({ prefix: r2Keys.asset(owner.userId, "") });
		expect(after.objects).toEqual([]);
	});

	it("sets and removes a page's background image", async () => {
		const owner = await withResources(await account("free"));
		const res = await call("PUT /pages/:id/background", {
			as: owner,
			params: { id: owner.pageId },
			body: PNG,
			headers: { "Content-Type": "image/png" },
		});
		expect(res.status).toBe(200);
		expect(res.body.page.design.backgroundImage).toBe(true);
		const preview = await raw("GET", `/pages/${owner.pageId}/preview`, { as: owner });
		expect(preview.text).toMatch(/url\("https?:\/\/[^"]+\/_assets\/[0-9a-f]{64}\.png"\)/);
		const removed = await call("DELETE /pages/:id/background", {
			as: owner,
			params: { id: owner.pageId },
		});
		expect(removed.status).toBe(204);
		const page = await call("GET /pages/:id", { as: owner, params: { id: owner.pageId } });
		expect(page.body.page.design.backgroundImage).toBe(false);
	});
});

describe("error", () => {
	it.each([
		[
			"garbage with an image type",
			new TextEncoder().encode("not an image at all"),
			"image/png",
			415,
		],
		["a truncated PNG", PNG.subarray(0, 40), "image/png", 400],
		["a declared non-image type", PNG, "text/html", 415],
		["a PNG wider than 1024 px", pngOfSize(2000, 10), "image/png", 400],
		["more than 256 KiB", new Uint8Array(THUMBNAIL_LIMIT + 1), "image/png", 413],
	] as const)("refuses %s and stores nothing", async (_what, body, type, status) => {
		const owner = await withResources(await account("free"));
		const res = await upload(owner, body, type);
		expect(res.status).toBe(status);
		expect(await thumbnailKey(owner.linkId)).toBeNull();
		const { objects } = await env.TEST_PAGES.list({ prefix: r2Keys.asset(owner.userId, "") });
		expect(objects).toEqual([]);
	});

	it("accepts a PNG of exactly 1024 px a side", async () => {
		const owner = await withResources(await account("free"));
		expect((await upload(owner, pngOfSize(1024, 1024))).status).toBe(200);
	});

	it("an unconfirmed account cannot upload", async () => {
		const owner = await withResources(await account("unverified"));
		expect((await upload(owner, PNG)).status).toBe(403);
	});
});

describe("security", () => {
	it("another account's page or link is a 404 and changes nothing", async () => {
		const owner = await withResources(await account("free"));
		expect((await upload(owner, PNG)).status).toBe(200);
		const before = await thumbnailKey(owner.linkId);
		const other = await withResources(await account("other"));
		expect((await upload(owner, GIF, "image/gif", other)).status).toBe(404);
		// The other account's own page with the owner's link id: still not found.
		const mixed = await raw("PUT", `/pages/${other.pageId}/links/${owner.linkId}/thumbnail`, {
			as: other,
			body: GIF,
			headers: { "Content-Type": "image/gif" },
		});
		expect(mixed.status).toBe(404);
		const removal = await raw("DELETE", `/pages/${owner.pageId}/links/${owner.linkId}/thumbnail`, {
			as: other,
		});
		expect(removal.status).toBe(404);
		const background = await raw("PUT", `/pages/${owner.pageId}/background`, {
			as: other,
			body: GIF,
			headers: { "Content-Type": "image/gif" },
		});
		expect(background.status).toBe(404);
		expect(await thumbnailKey(owner.linkId)).toBe(before);
		const { objects } = await env.TEST_PAGES.list({ prefix: r2Keys.asset(other.userId, "") });
		expect(objects).toEqual([]);
	});

	it("malformed ids are 404 before anything is read", async () => {
		const owner = await withResources(await account("free"));
		const res = await raw("PUT", `/pages/${owner.pageId}/links/..%2f..%2fx/thumbnail`, {
			as: owner,
			body: PNG,
			headers: { "Content-Type": "image/png" },
		});
		expect(res.status).toBe(404);
	});
});
