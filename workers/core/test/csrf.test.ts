/**
 * CSRF at Core's front door (api.md, Conventions): a state-changing request carrying the session
 * cookie is refused with 403 csrf_rejected unless Origin is exactly the app origin (and
 * Sec-Fetch-Site, when sent, is same-origin); the refused request changes nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Account, account, call, type HeaderValues } from "./support/request";

const PASSWORD = "csrf passphrase 11";
let owner: Account;
let pageId = "";

/** A request of the owner's browser with exactly these headers (no Origin unless given). */
function send(
	key: "PATCH /pages/:id" | "GET /me" | "POST /auth/logout" | "DELETE /me",
	headers: HeaderValues,
	body?: unknown,
) {
	return call(key, {
		params: { id: pageId },
		as: owner,
		headers: { Origin: null, "Content-Type": "application/json", ...headers },
		body,
	});
}

const title = async () =>
	(
		await env.TEST_DB.prepare("SELECT title FROM pages WHERE id = ?")
			.bind(pageId)
			.first<{ title: string }>()
	)?.title;

beforeAll(async () => {
	owner = await account("unverified", {
		email: `csrf-${crypto.randomUUID()}@example.com`,
		password: PASSWORD,
	});
	const created = await call("POST /pages", {
		as: owner,
		body: { title: "Mine" },
	});
	pageId = created.body.page.id;
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
			const res = await send("PATCH /pages/:id", withOrigin, { title: "Hijacked" });
			expect(res.status).toBe(403);
			expect(res.error.code).toBe("csrf_rejected");
			expect(await title()).toBe("Mine");
		},
	);

	it("#14.16 reads the cookie as the session middleware does: `__Host-sp_session =…` without Origin is refused", async () => {
		const spaced = owner.cookie.replace(/^__Host-sp_session=/, "__Host-sp_session =");
		expect(spaced).not.toBe(owner.cookie);
		// The session middleware reads this form (cookie names are trimmed): it is a session…
		expect((await send("GET /me", { Cookie: spaced })).status).toBe(200);
		const before = await title();
		// …so a change carrying it is held to the Origin check like any other.
		const res = await send("PATCH /pages/:id", { Cookie: spaced }, { title: "Hijacked" });
		expect(res.status).toBe(403);
		expect(res.error.code).toBe("csrf_rejected");
		expect(await title()).toBe(before);
	});

	it("accepts the same change from the app's own Origin", async () => {
		const res = await send(
			"PATCH /pages/:id",
			{ Origin: env.APP_ORIGIN, "Sec-Fetch-Site": "same-origin" },
			{ title: "Renamed" },
		);
		expect(res.status).toBe(200);
		expect(await title()).toBe("Renamed");
	});

	it("checks logout and account deletion too (a forced logout or deletion is an attack)", async () => {
		const logout = await send("POST /auth/logout", { Origin: "https://evil.example" });
		expect(logout.status).toBe(403);
		const del = await send(
			"DELETE /me",
			{ Origin: "https://evil.example" },
			{ password: PASSWORD },
		);
		expect(del.status).toBe(403);
		expect((await send("GET /me", {})).status).toBe(200);
	});
});
