/**
 * Request-body handling every JSON endpoint shares (src/http/body.ts), exercised through the real
 * app in workerd on POST /auth/signup: content type, size limit, syntax, unknown and
 * prototype-polluting keys.
 */
import { describe, expect, it } from "vitest";
import { type HeaderValues, type Reply, raw } from "../support/request";

const signup = (body: BodyInit | null, headers: HeaderValues = {}) =>
	raw("POST", "/auth/signup", {
		headers: { Origin: null, "Content-Type": "application/json", ...headers },
		body,
	});

async function codeOf(res: Reply) {
	return (res.body as { error: { code: string; fields?: Record<string, string> } }).error;
}

describe("JSON bodies", () => {
	it.each([
		["text/plain", 415],
		["application/x-www-form-urlencoded", 415],
		["multipart/form-data; boundary=x", 415],
	])("refuses %s with %i", async (type, status) => {
		const res = await signup('{"email":"a@b.co","password":"long enough pw"}', {
			"Content-Type": type,
		});
		expect(res.status).toBe(status);
		expect((await codeOf(res)).code).toBe("unsupported_media_type");
	});

	it("refuses a body over 64 KiB with 413, with or without Content-Length", async () => {
		const big = JSON.stringify({ email: "a@b.co", password: "x".repeat(70_000) });
		const res = await signup(big);
		expect(res.status).toBe(413);
		expect((await codeOf(res)).code).toBe("payload_too_large");
		const stream = new Blob([big]).stream();
		const chunked = await signup(stream as unknown as BodyInit);
		expect(chunked.status).toBe(413);
	});

	it("answers invalid JSON with 400 invalid_json", async () => {
		for (const body of ["{", "not json", "", '{"email":}']) {
			const res = await signup(body);
			expect(res.status).toBe(400);
			expect((await codeOf(res)).code).toBe("invalid_json");
		}
	});

	it("names every invalid field and refuses unknown keys", async () => {
		const res = await signup('{"email":1,"password":[],"role":"admin"}');
		expect(res.status).toBe(400);
		const error = await codeOf(res);
		expect(error.code).toBe("validation_failed");
		expect(Object.keys(error.fields ?? {}).sort()).toEqual(["email", "password", "role"]);
	});

	it("refuses prototype-polluting keys at any depth and pollutes nothing", async () => {
		for (const body of [
			'{"email":"a@b.co","password":"long enough pw","__proto__":{"admin":true}}',
			'{"email":"a@b.co","password":"long enough pw","attribution":{"constructor":{"prototype":{"x":1}}}}',
		]) {
			const res = await signup(body);
			expect(res.status).toBe(400);
			const error = await codeOf(res);
			expect(error.code).toBe("validation_failed");
			expect(Object.values(error.fields ?? {})).toContain("is not allowed");
		}
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
	});

	it.each([[null], [[]], ["string"], [42], [true]])(
		"refuses a JSON %j where an object is expected",
		async (value) => {
			const res = await signup(JSON.stringify(value));
			expect(res.status).toBe(400);
			expect((await codeOf(res)).code).toBe("validation_failed");
		},
	);
});
