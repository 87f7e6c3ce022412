/**
 * Bad input on every auth and account endpoint: wrong types, missing fields, 1 MB bodies,
 * invalid JSON, look-alike e-mails, weak passwords → the contract's 4xx, and nothing stored.
 */
import { describe, expect, it } from "vitest";
import { client, inboxOf, PASSWORD, signedUp, uniqueEmail } from "../support/api.ts";

interface Endpoint {
	method: string;
	path: string;
	auth: boolean;
	valid: Record<string, unknown>;
}

const TOKEN = "A".repeat(43);
const ENDPOINTS: Endpoint[] = [
	{
		method: "POST",
		path: "/auth/signup",
		auth: false,
		valid: { email: "x@example.com", password: PASSWORD },
	},
	{ method: "POST", path: "/auth/verify-email", auth: false, valid: { token: TOKEN } },
	{
		method: "POST",
		path: "/auth/login",
		auth: false,
		valid: { email: "x@example.com", password: PASSWORD },
	},
	{ method: "POST", path: "/auth/password/forgot", auth: false, valid: { email: "x@example.com" } },
	{
		method: "POST",
		path: "/auth/password/reset",
		auth: false,
		valid: { token: TOKEN, password: PASSWORD },
	},
	{ method: "PATCH", path: "/me", auth: true, valid: { locale: "de" } },
	{
		method: "POST",
		path: "/me/password",
		auth: true,
		valid: { currentPassword: PASSWORD, newPassword: "another passphrase 9" },
	},
	{
		method: "POST",
		path: "/me/email",
		auth: true,
		valid: { newEmail: "y@example.com", password: PASSWORD },
	},
	{ method: "DELETE", path: "/me", auth: true, valid: { password: PASSWORD } },
];

async function callerFor(endpoint: Endpoint) {
	if (!endpoint.auth) return { api: client(), email: null as string | null };
	const { api, email } = await signedUp();
	return { api, email };
}

/** What must stay unchanged after a refused request of an authenticated endpoint. */
async function snapshot(api: ReturnType<typeof client>) {
	const me = await api.call("GET /me");
	return JSON.stringify({ status: me.status, user: me.body.user, profile: me.body.profile });
}

describe.each(ENDPOINTS)("$method $path", (endpoint) => {
	const wrongTypes = Object.fromEntries(Object.keys(endpoint.valid).map((k) => [k, 12345]));

	it.each([
		["wrong types", JSON.stringify(wrongTypes), "application/json", 400, "validation_failed"],
		[
			"missing fields",
			"{}",
			"application/json",
			endpoint.path === "/me" && endpoint.method === "PATCH" ? 200 : 400,
			"validation_failed",
		],
		["an array body", "[]", "application/json", 400, "validation_failed"],
		["invalid JSON", '{"email": "x@example.com",', "application/json", 400, "invalid_json"],
		[
			"a 1 MB body",
			JSON.stringify({ ...endpoint.valid, pad: "x".repeat(1024 * 1024) }),
			"application/json",
			413,
			"payload_too_large",
		],
		[
			"a form body",
			"email=x%40example.com",
			"application/x-www-form-urlencoded",
			415,
			"unsupported_media_type",
		],
		["a text body", JSON.stringify(endpoint.valid), "text/plain", 415, "unsupported_media_type"],
		[
			"an unknown field",
			JSON.stringify({ ...endpoint.valid, isAdmin: true }),
			"application/json",
			400,
			"validation_failed",
		],
	])("refuses %s", async (_name, body, type, status, code) => {
		const { api } = await callerFor(endpoint);
		const before = endpoint.auth ? await snapshot(api) : "";
		const res = await api.raw(endpoint.method, endpoint.path, {
			body,
			headers: { "Content-Type": type },
		});
		expect(res.status).toBe(status);
		if (status >= 400) expect(res.error.code).toBe(code);
		if (endpoint.auth && status >= 400) expect(await snapshot(api)).toBe(before);
	});
});

describe("e-mail addresses", () => {
	it.each([
		["a Cyrillic look-alike", "аnna@example.com"],
		["a full-width at sign", "anna＠example.com"],
		["a zero-width space", "an\u200bna@example.com"],
		["a right-to-left override", "anna\u202e@example.com"],
		["an IDN domain", "anna@exämple.com"],
		["no domain dot", "anna@localhost"],
		["two at signs", "anna@@example.com"],
		["HTML", "<script>@example.com"],
		["a too long address", `${"a".repeat(250)}@example.com`],
	])("refuses %s at sign-up and creates no account", async (_name, email) => {
		const res = await client().call("POST /auth/signup", { body: { email, password: PASSWORD } });
		expect(res.status).toBe(400);
		expect(res.error.fields).toHaveProperty("email");
		expect(await inboxOf(email)).toHaveLength(0);
	});

	it("treats addresses case-insensitively: one mailbox, one account", async () => {
		const email = uniqueEmail("Case");
		expect(
			(await client().call("POST /auth/signup", { body: { email, password: PASSWORD } })).status,
		).toBe(201);
		const again = await client().call("POST /auth/signup", {
			body: {
				email: email.toUpperCase(),
				password: PASSWORD,
			},
		});
		expect(again.status).toBe(201);
		expect(again.headers.get("Set-Cookie")).toBeNull();
		expect(
			(
				await client().call("POST /auth/login", {
					body: { email: email.toUpperCase(), password: PASSWORD },
				})
			).status,
		).toBe(200);
	});
});

describe("passwords", () => {
	it.each([
		["7 characters", "abcdefg"],
		["129 characters", "x".repeat(129)],
		["a common password", "password123"],
		["a common password in other case", "Qwertyuiop"],
	])("refuses %s at sign-up", async (_name, password) => {
		const res = await client().call("POST /auth/signup", {
			body: { email: uniqueEmail(), password },
		});
		expect(res.status).toBe(400);
		expect(res.error.fields).toHaveProperty("password");
	});

	it("accepts 8 and 128 characters, counting emoji as one character each", async () => {
		for (const password of ["8 chars!", "🔐".repeat(8), "y".repeat(128)]) {
			const res = await client().call("POST /auth/signup", {
				body: { email: uniqueEmail(), password },
			});
			expect(res.status, password).toBe(201);
		}
	});
});
