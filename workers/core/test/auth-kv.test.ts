/**
 * End to end inside workerd (Core → real Customer over its service binding → D1): after sign-up
 * and login, a dump of KV holds no raw session token; a deleted account leaves no session behind;
 * a sign-up, like a login, replaces the caller's session instead of leaving it alive.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const ORIGIN = "http://localhost:4321";

async function call(path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) {
	const headers: Record<string, string> = {
		Origin: ORIGIN,
		"CF-Connecting-IP": crypto.randomUUID(),
	};
	if (init.body !== undefined) headers["Content-Type"] = "application/json";
	if (init.cookie) headers.Cookie = init.cookie;
	return exports.default.fetch(
		new Request(`https://api.test/api/v1${path}`, {
			method: init.method ?? "GET",
			headers,
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		}),
	);
}

const cookieOf = (res: Response) => (res.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";

async function dumpKv(): Promise<string> {
	const { keys } = await env.SESSIONS.list();
	const values = await Promise.all(keys.map(({ name }) => env.SESSIONS.get(name)));
	return keys.map((k, i) => `${k.name}=${values[i]}`).join("\n");
}

describe("sessions in KV", () => {
	it("hold no raw token after sign-up and login", async () => {
		const email = `kv-${crypto.randomUUID()}@example.com`;
		const signup = await call("/auth/signup", {
			method: "POST",
			body: { email, password: "kv test passphrase" },
		});
		expect(signup.status).toBe(201);
		const login = await call("/auth/login", {
			method: "POST",
			body: { email, password: "kv test passphrase" },
		});
		expect(login.status).toBe(200);
		const tokens = [cookieOf(signup), cookieOf(login)].map((c) => c.split("=")[1] ?? "");
		expect(tokens.every((t) => /^[A-Za-z0-9_-]{43}$/.test(t))).toBe(true);
		const dump = await dumpKv();
		for (const token of tokens) expect(dump).not.toContain(token);
	});

	it("SP-22 signing up while signed in ends the previous session", async () => {
		const first = await call("/auth/signup", {
			method: "POST",
			body: { email: `first-${crypto.randomUUID()}@example.com`, password: "kv test passphrase" },
		});
		const previous = cookieOf(first);
		expect((await call("/me", { cookie: previous })).status).toBe(200);
		const second = await call("/auth/signup", {
			method: "POST",
			cookie: previous,
			body: { email: `second-${crypto.randomUUID()}@example.com`, password: "kv test passphrase" },
		});
		expect(second.status).toBe(201);
		const current = cookieOf(second);
		expect(current).not.toBe(previous);
		expect((await call("/me", { cookie: previous })).status).toBe(401);
		expect((await call("/me", { cookie: current })).status).toBe(200);
	});

	it("are all gone after the account is deleted, and D1 has no row of it", async () => {
		const email = `gone-${crypto.randomUUID()}@example.com`;
		const signup = await call("/auth/signup", {
			method: "POST",
			body: { email, password: "kv test passphrase" },
		});
		const { user } = (await signup.json()) as { user: { id: string } };
		const cookie = cookieOf(signup);
		await call("/auth/login", { method: "POST", body: { email, password: "kv test passphrase" } });
		const del = await call("/me", {
			method: "DELETE",
			cookie,
			body: { password: "kv test passphrase" },
		});
		expect(del.status).toBe(204);
		const { keys } = await env.SESSIONS.list({ prefix: `user-session:${user.id}:` });
		expect(keys).toHaveLength(0);
		expect(
			await env.TEST_DB.prepare("SELECT id FROM users WHERE id = ?").bind(user.id).first(),
		).toBeNull();
		expect(
			await env.TEST_DB.prepare("SELECT user_id FROM profiles WHERE user_id = ?")
				.bind(user.id)
				.first(),
		).toBeNull();
		expect((await call("/me", { cookie })).status).toBe(401);
	});
});
