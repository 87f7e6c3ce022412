/**
 * CSRF at Core's front door (api.md, Conventions): a state-changing request carrying the session
 * cookie is refused with 403 csrf_rejected unless Origin is exactly the app origin (and
 * Sec-Fetch-Site, when sent, is same-origin); the refused request changes nothing.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

const PASSWORD = "csrf passphrase 11";
let cookie = "";
let pageId = "";

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
	return exports.default.fetch(
		new Request(`https://api.test/api/v1${path}`, {
			method,
			headers: {
				"CF-Connecting-IP": crypto.randomUUID(),
				"Content-Type": "application/json",
				Cookie: cookie,
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		}),
	);
}

const title = async () =>
	(
		await env.TEST_DB.prepare("SELECT title FROM pages WHERE id = ?")
			.bind(pageId)
			.first<{ title: string }>()
	)?.title;

beforeAll(async () => {
	const signup = await exports.default.fetch(
		new Request("https://api.test/api/v1/auth/signup", {
			method: "POST",
			headers: { "Content-Type": "application/json", "CF-Connecting-IP": crypto.randomUUID() },
			body: JSON.stringify({
				email: `csrf-${crypto.randomUUID()}@example.com`,
				password: PASSWORD,
			}),
		}),
	);
	cookie = (signup.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
	const created = await call("POST", "/pages", { Origin: env.APP_ORIGIN }, { title: "Mine" });
	pageId = ((await created.json()) as { page: { id: string } }).page.id;
});

describe("CSRF", () => {
	it.for([
		["a foreign Origin", { Origin: "https://evil.example" }],
		["no Origin at all", {}],
		["Origin null (sandboxed frame)", { Origin: "null" }],
		["a look-alike Origin", { Origin: `${env.APP_ORIGIN}.evil.example` }],
		["the app Origin but Sec-Fetch-Site cross-site", { "Sec-Fetch-Site": "cross-site" }],
		["the app Origin but Sec-Fetch-Site same-site", { "Sec-Fetch-Site": "same-site" }],
	] as const)(
		"refuses a cookie-carrying change with %s, and changes nothing",
		async ([, headers]) => {
			const withOrigin =
				"Sec-Fetch-Site" in headers ? { Origin: env.APP_ORIGIN, ...headers } : { ...headers };
			const res = await call("PATCH", `/pages/${pageId}`, withOrigin, { title: "Hijacked" });
			expect(res.status).toBe(403);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf_rejected");
			expect(await title()).toBe("Mine");
		},
	);

	it("#14.16 reads the cookie as the session middleware does: `__Host-sp_session =…` without Origin is refused", async () => {
		const spaced = cookie.replace(/^__Host-sp_session=/, "__Host-sp_session =");
		expect(spaced).not.toBe(cookie);
		// The session middleware reads this form (cookie names are trimmed): it is a session…
		expect((await call("GET", "/me", { Cookie: spaced })).status).toBe(200);
		const before = await title();
		// …so a change carrying it is held to the Origin check like any other.
		const res = await call("PATCH", `/pages/${pageId}`, { Cookie: spaced }, { title: "Hijacked" });
		expect(res.status).toBe(403);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf_rejected");
		expect(await title()).toBe(before);
	});

	it("accepts the same change from the app's own Origin", async () => {
		const res = await call(
			"PATCH",
			`/pages/${pageId}`,
			{ Origin: env.APP_ORIGIN, "Sec-Fetch-Site": "same-origin" },
			{ title: "Renamed" },
		);
		expect(res.status).toBe(200);
		expect(await title()).toBe("Renamed");
	});

	it("checks logout and account deletion too (a forced logout or deletion is an attack)", async () => {
		const logout = await call("POST", "/auth/logout", { Origin: "https://evil.example" });
		expect(logout.status).toBe(403);
		const del = await call(
			"DELETE",
			"/me",
			{ Origin: "https://evil.example" },
			{ password: PASSWORD },
		);
		expect(del.status).toBe(403);
		expect((await call("GET", "/me", {})).status).toBe(200);
	});
});
