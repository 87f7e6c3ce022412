/**
 * Avatar upload: type decided by the bytes, size limit, content-hash storage served by the
 * Domain Worker with an immutable cache policy, removal.
 */
import { describe, expect, it } from "vitest";
import { getWithHost, signedUp, stack } from "../support/api.ts";

// A real 1×1 PNG.
const PNG = Uint8Array.from(
	Buffer.from(
		"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
		"base64",
	),
);
const GIF = Uint8Array.from(Buffer.from("R0lGODlhAQABAAAAACw=", "base64"));

const put = (
	api: Awaited<ReturnType<typeof signedUp>>["api"],
	body: Uint8Array | string,
	type: string,
) =>
	api.request<{ profile: { avatarUrl?: string }; error?: { code: string } }>(
		"PUT",
		"/profile/avatar",
		typeof body === "string" ? body : body,
		{ "Content-Type": type },
	);

describe("avatar", () => {
	it("stores a PNG under its content hash and serves it immutable from the account's subdomain", async () => {
		const { api } = await signedUp();
		const res = await put(api, PNG, "image/png");
		expect(res.status).toBe(200);
		const url = res.body.profile.avatarUrl ?? "";
		expect(url).toMatch(
			new RegExp(
				`^http://[a-z0-9-]+\\.localhost:${stack.ports.domain}/_assets/[0-9a-f]{64}\\.png$`,
			),
		);
		const served = await getWithHost(url, stack.ports.domain);
		expect(served.status).toBe(200);
		expect(served.headers.get("content-type")).toBe("image/png");
		expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
	});

	it("decides the type from the bytes: a GIF sent as image/png is stored as .gif", async () => {
		const { api } = await signedUp();
		const res = await put(api, GIF, "image/png");
		expect(res.status).toBe(200);
		expect(res.body.profile.avatarUrl).toMatch(/\.gif$/);
	});

	it.each([
		["HTML declared as PNG", "<html><script>alert(1)</script></html>", "image/png", 415],
		["SVG", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml", 415],
		["a PNG declared as text", PNG, "text/plain", 415],
		["an empty body", new Uint8Array(), "image/png", 415],
		["over 2 MiB", new Uint8Array(2 * 1024 * 1024 + 1).fill(0x89), "image/png", 413],
	])("refuses %s and keeps the profile unchanged", async (_name, body, type, status) => {
		const { api } = await signedUp();
		const before = await api.get("/profile");
		const res = await put(api, body as Uint8Array | string, type);
		expect(res.status).toBe(status);
		expect((await api.get("/profile")).text).toBe(before.text);
	});

	it("removing the avatar deletes the stored object", async () => {
		const { api } = await signedUp();
		const url = (await put(api, PNG, "image/png")).body.profile.avatarUrl ?? "";
		expect((await api.delete("/profile/avatar")).status).toBe(204);
		const profile = await api.get<{ profile: { avatarUrl?: string } }>("/profile");
		expect(profile.body.profile.avatarUrl).toBeUndefined();
		expect((await getWithHost(url, stack.ports.domain)).status).toBe(404);
	});
});
