/**
 * Avatar upload: verified accounts only, type decided by the bytes, size limit, strict checks
 * (dimensions, structure, nothing after the image's end), content-hash storage served by the
 * Domain Worker with an immutable cache policy, and removal or replacement that stops serving the
 * old picture even though the edge cache keeps immutable objects (review SP-11, SP-12, SP-20).
 */
import { describe, expect, it } from "vitest";
import { getWithHost, signedUp, stack, verifiedAccount } from "../support/api.ts";

// Real images: a 1×1 PNG and 3×2 GIF and PNG (libvips).
const PNG = Uint8Array.from(
	Buffer.from(
		"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
		"base64",
	),
);
const GIF = Uint8Array.from(
	Buffer.from("R0lGODlhAwACAIAAAExpccgUFCH5BAUAAAAALAAAAAADAAIAAAICjF8AOw==", "base64"),
);
const PNG_3X2 = Uint8Array.from(
	Buffer.from(
		"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
		"base64",
	),
);
// A valid PNG declaring 30000×30000 px (900 MP: a decompression bomb).
const BOMB = Uint8Array.from(
	Buffer.from(
		"iVBORw0KGgoAAAANSUhEUgAAdTAAAHUwCAIAAADpRW/tAAAACElEQVR4nAMAAAAAAUgGidIAAAAASUVORK5CYII=",
		"base64",
	),
);
const PAYLOAD = Buffer.from("<html><script>alert(document.domain)</script></html>");
const withPayload = (image: Uint8Array) => Uint8Array.from(Buffer.concat([image, PAYLOAD]));
// How long published changes may take to show (the Domain Worker's manifest cache in production).
const MANIFEST_TTL_MS = 5_000;

type Api = Awaited<ReturnType<typeof signedUp>>["api"];
const put = (api: Api, body: Uint8Array, type: string) =>
	api.call("PUT /profile/avatar", { body, contentType: type });

const fetchAsset = (url: string) => getWithHost(url, stack.ports.domain);

/** Polls the asset URL until it answers 404; fails if that takes longer than the manifest TTL. */
async function goneWithinTtl(url: string): Promise<number> {
	const started = Date.now();
	for (;;) {
		const status = (await fetchAsset(url)).status;
		if (status === 404) return Date.now() - started;
		if (Date.now() - started > MANIFEST_TTL_MS + 1000) return Number.POSITIVE_INFINITY;
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe("avatar", () => {
	it("stores a PNG under its content hash and serves it immutable from the account's subdomain", async () => {
		const { api } = await verifiedAccount();
		const res = await put(api, PNG, "image/png");
		expect(res.status).toBe(200);
		const url = res.body.profile.avatarUrl ?? "";
		expect(url).toMatch(
			new RegExp(
				`^http://[a-z0-9-]+\\.localhost:${stack.ports.domain}/_assets/[0-9a-f]{64}\\.png$`,
			),
		);
		const served = await fetchAsset(url);
		expect(served.status).toBe(200);
		expect(served.headers.get("content-type")).toBe("image/png");
		expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
	});

	it("decides the type from the bytes: a GIF sent as image/png is stored as .gif", async () => {
		const { api } = await verifiedAccount();
		const res = await put(api, GIF, "image/png");
		expect(res.status).toBe(200);
		expect(res.body.profile.avatarUrl).toMatch(/\.gif$/);
	});

	it("#14.12 refuses an upload from an account whose address is not verified (403 email_not_verified)", async () => {
		const { api } = await signedUp();
		const res = await put(api, PNG, "image/png");
		expect(res.status).toBe(403);
		expect(res.error.code).toBe("email_not_verified");
		expect((await api.call("GET /profile")).body.profile.avatarUrl).toBeUndefined();
	});

	it.each([
		["HTML declared as PNG", "<html><script>alert(1)</script></html>", "image/png", 415],
		["SVG", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml", 415],
		["a PNG declared as text", PNG, "text/plain", 415],
		["an empty body", new Uint8Array(), "image/png", 415],
		["over 2 MiB", new Uint8Array(2 * 1024 * 1024 + 1).fill(0x89), "image/png", 413],
	])("refuses %s and keeps the profile unchanged", async (_name, body, type, status) => {
		const { api } = await verifiedAccount();
		const before = await api.call("GET /profile");
		// Not an image, or not what it claims: outside the contract, so sent raw.
		const res = await api.raw("PUT", "/profile/avatar", {
			body,
			headers: { "Content-Type": type },
		});
		expect(res.status).toBe(status);
		expect((await api.call("GET /profile")).text).toBe(before.text);
	});

	it.each([
		["a decompression bomb (30000×30000 px)", BOMB, "image/png"],
		["a PNG magic number followed by a payload", withPayload(PNG.subarray(0, 8)), "image/png"],
		["a truncated GIF", GIF.subarray(0, GIF.byteLength - 1), "image/gif"],
	])(
		"#14.12 refuses %s (400 validation_failed) and keeps the profile unchanged",
		async (_name, body, type) => {
			const { api } = await verifiedAccount();
			const before = await api.call("GET /profile");
			const res = await put(api, body, type);
			expect(res.status).toBe(400);
			expect(res.error.code).toBe("validation_failed");
			expect(res.error.fields?.image).toBeTruthy();
			expect((await api.call("GET /profile")).text).toBe(before.text);
		},
	);

	it("#14.12 drops bytes after the image's end: a polyglot is stored and served as the bare image", async () => {
		const { api } = await verifiedAccount();
		const res = await put(api, withPayload(PNG), "image/png");
		expect(res.status).toBe(200);
		const served = await fetchAsset(res.body.profile.avatarUrl ?? "");
		expect(served.status).toBe(200);
		expect(served.headers.get("content-length")).toBe(String(PNG.byteLength));
		expect(await served.text()).not.toContain("<script>");
	});

	it("#14.12 a deleted avatar answers 404 within the manifest lifetime, though the edge cache holds it", async () => {
		const { api } = await verifiedAccount();
		const url = (await put(api, PNG, "image/png")).body.profile.avatarUrl ?? "";
		expect((await fetchAsset(url)).status).toBe(200); // now in the edge cache for a year
		expect((await api.call("DELETE /profile/avatar")).status).toBe(204);
		const profile = await api.call("GET /profile");
		expect(profile.body.profile.avatarUrl).toBeUndefined();
		expect(await goneWithinTtl(url)).toBeLessThanOrEqual(MANIFEST_TTL_MS + 1000);
	});

	it("#14.12 a replaced avatar answers 404 within the manifest lifetime; the new one is served", async () => {
		const { api } = await verifiedAccount();
		const old = (await put(api, PNG, "image/png")).body.profile.avatarUrl ?? "";
		expect((await fetchAsset(old)).status).toBe(200);
		const replaced = (await put(api, PNG_3X2, "image/png")).body.profile.avatarUrl ?? "";
		expect(replaced).not.toBe(old);
		expect(await goneWithinTtl(old)).toBeLessThanOrEqual(MANIFEST_TTL_MS + 1000);
		expect((await fetchAsset(replaced)).status).toBe(200);
	});
});
