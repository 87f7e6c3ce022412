/**
 * Avatars against real D1 and R2: only strictly valid images are stored (and only up to their end
 * marker), and the site manifest names the one avatar the Domain Worker may serve, so a replaced
 * or removed avatar stops being served even where an edge cache still holds its bytes (SP-11).
 */

import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { removeAvatar, setAvatar } from "../src/profile/avatar";
import { findProfile } from "../src/profile/store";
import { createUser } from "../src/users/store";
import { testSite } from "./support/site";

const site = testSite();

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
// Real 3×2 images (libvips), and a valid PNG that declares 30000×30000 px (a decompression bomb).
const PNG = bytes(
	"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
);
const GIF = bytes("R0lGODlhAwACAIAAAExpccgUFCH5BAUAAAAALAAAAAADAAIAAAICjF8AOw==");
const BOMB = bytes(
	"iVBORw0KGgoAAAANSUhEUgAAdTAAAHUwCAIAAADpRW/tAAAACElEQVR4nAMAAAAAAUgGidIAAAAASUVORK5CYII=",
);
const PAYLOAD = new TextEncoder().encode("<html><script>alert(document.domain)</script></html>");
const withPayload = (image: Uint8Array) => {
	const out = new Uint8Array(image.byteLength + PAYLOAD.byteLength);
	out.set(image);
	out.set(PAYLOAD, image.byteLength);
	return out;
};

let userId = "";

async function storedAssets(): Promise<string[]> {
	const { objects } = await env.PAGES.list({ prefix: r2Keys.asset(userId, "") });
	return objects.map((o) => o.key);
}

async function manifestAssets(): Promise<string[] | undefined> {
	const object = await env.PAGES.get(r2Keys.manifest(userId));
	return ((await object?.json()) as SiteManifest | undefined)?.assets;
}

beforeEach(async () => {
	const created = await createUser(env.DB, {
		email: `avatar-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	userId = created.user.id;
});

describe("setAvatar", () => {
	it("#14.12 stores an image without the bytes after its end marker (no polyglot)", async () => {
		const result = await setAvatar(site, userId, withPayload(PNG));
		expect(result.ok).toBe(true);
		const name = result.ok ? (result.value.avatar_key ?? "") : "";
		const stored = await env.PAGES.get(r2Keys.asset(userId, name));
		expect(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(PNG);
	});

	it.each([
		["a decompression bomb (30000×30000 px)", BOMB, /4096/],
		["a PNG magic number followed by a payload", withPayload(PNG.subarray(0, 8)), /damaged/],
		["a truncated GIF", GIF.subarray(0, GIF.byteLength - 1), /damaged/],
	])("#14.12 refuses %s with validation_failed, storing nothing", async (_name, upload, why) => {
		const result = await setAvatar(site, userId, upload);
		expect(result).toMatchObject({ ok: false, code: "validation_failed" });
		expect(!result.ok && result.fields?.image).toMatch(why);
		expect((await findProfile(env.DB, userId))?.avatar_key).toBeNull();
		expect(await storedAssets()).toEqual([]);
	});

	it("refuses what is no image at all as unsupported_media_type", async () => {
		const result = await setAvatar(site, userId, PAYLOAD);
		expect(result).toMatchObject({ ok: false, code: "unsupported_media_type" });
	});

	it("#14.12 the manifest names only the current avatar: a replaced or removed one is no longer served", async () => {
		const first = await setAvatar(site, userId, PNG);
		const firstName = first.ok ? first.value.avatar_key : null;
		expect(await manifestAssets()).toEqual([firstName]);

		const second = await setAvatar(site, userId, GIF);
		const secondName = second.ok ? second.value.avatar_key : null;
		expect(await manifestAssets()).toEqual([secondName]);
		expect(await storedAssets()).toEqual([r2Keys.asset(userId, secondName ?? "")]);

		expect((await removeAvatar(site, userId)).ok).toBe(true);
		expect(await manifestAssets()).toEqual([]);
		expect(await storedAssets()).toEqual([]);
	});

	it("#15.10 two avatar uploads at once leave exactly the one avatar the profile and manifest name", async () => {
		const results = await Promise.all([setAvatar(site, userId, PNG), setAvatar(site, userId, GIF)]);
		// One upload wins; the other reports the conflict (or, same bytes, the same result).
		expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
		for (const r of results) if (!r.ok) expect(r.code).toBe("conflict");
		const name = (await findProfile(env.DB, userId))?.avatar_key ?? "";
		expect(name).not.toBe("");
		expect(await storedAssets()).toEqual([r2Keys.asset(userId, name)]);
		expect(await manifestAssets()).toEqual([name]);
		const { results: rows } = await env.DB.prepare("SELECT name FROM assets WHERE user_id = ?")
			.bind(userId)
			.all<{ name: string }>();
		expect(rows.map((r) => r.name)).toEqual([name]);
	});

	it("#15.10 an upload and a removal at once leave no asset the profile does not name", async () => {
		await setAvatar(site, userId, PNG);
		await Promise.all([setAvatar(site, userId, GIF), removeAvatar(site, userId)]);
		const name = (await findProfile(env.DB, userId))?.avatar_key;
		expect(await storedAssets()).toEqual(name ? [r2Keys.asset(userId, name)] : []);
		expect(await manifestAssets()).toEqual(name ? [name] : []);
	});
});
