/**
 * GET /me/export (src/routes/me/export.ts over the Customer Worker's export): a readable document
 * as docs/export.md describes it (issue 19, review L15) — camelCase fields, no JSON inside
 * strings, flags as booleans, images with their public address.
 */
import { describe, expect, it } from "vitest";
import { account, call, raw } from "../../support/request";

const PNG = Uint8Array.from(
	atob(
		"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
	),
	(c) => c.charCodeAt(0),
);

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown, into: string[] = []): string[] {
	if (Array.isArray(value)) for (const item of value) keysOf(item, into);
	else if (value && typeof value === "object") {
		for (const [key, inner] of Object.entries(value)) {
			into.push(key);
			keysOf(inner, into);
		}
	}
	return into;
}

describe("happy", () => {
	it("#19.9 is readable: camelCase, socials as a list, flags as booleans, the avatar's address", async () => {
		const owner = await account("free");
		const socials = [{ network: "instagram", url: "https://instagram.com/alex" }];
		expect((await call("PATCH /profile", { as: owner, body: { socials } })).status).toBe(200);
		const avatar = await call("PUT /profile/avatar", {
			as: owner,
			body: PNG,
			headers: { "Content-Type": "image/png" },
		});
		expect(avatar.status, avatar.text).toBe(200);
		const { page } = (await call("POST /pages", { as: owner, body: { title: "Home" } })).body;
		await call("POST /pages/:id/links", {
			as: owner,
			params: { id: page.id },
			body: { title: "Shop", url: "https://example.com/shop" },
		});

		const exported = await raw("GET", "/me/export", { as: owner });
		expect(exported.status).toBe(200);
		const doc = JSON.parse(exported.text) as {
			profile: Record<string, unknown>;
			pages: Record<string, unknown>[];
			links: Record<string, unknown>[];
			assets: Record<string, unknown>[];
		};
		// Object keys are camelCase (the attribution's UTM names are data, and it is empty here).
		const snake = keysOf(doc).filter((key) => key.includes("_"));
		expect(snake).toEqual([]);
		expect(doc.profile.socials).toEqual([
			expect.objectContaining({ network: "instagram", url: "https://instagram.com/alex" }),
		]);
		expect(doc.profile.avatarUrl).toBe(avatar.body.profile.avatarUrl);
		expect(doc.assets[0]?.url).toBe(avatar.body.profile.avatarUrl);
		expect(doc.pages[0]).toEqual(expect.objectContaining({ title: "Home", isHome: true }));
		expect(doc.links[0]).toEqual(
			expect.objectContaining({ title: "Shop", enabled: true, pageId: page.id }),
		);
		// No JSON text anywhere inside the document's strings.
		const strings = exported.text.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
		expect(strings.filter((s) => /^"[[{]/.test(s) && s.includes('\\"'))).toEqual([]);
	});
});
