/**
 * No account enumeration through login, forgot-password or sign-up (issue 14, items 10 and 11;
 * review SP-08 to SP-10), checked without measuring time: the app runs on Core's real bindings,
 * with the Customer binding watched (every call is written down as it is made, then forwarded),
 * so a test can compare what a registered and an unknown address cause before the answer is
 * returned, and what only follows it. `scheduler.wait` is watched for deliberate delays.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";

const app = createApp();
const PASSWORD = "enumeration passphrase 5";
const ID = /^usr_[0-9a-hjkmnp-tv-z]{20}$/;

const waits: number[] = [];
const realWait = scheduler.wait.bind(scheduler);
scheduler.wait = (ms: number) => {
	waits.push(ms);
	return realWait(ms);
};
afterEach(() => {
	waits.length = 0;
});

interface Sent {
	res: Response;
	/** Customer methods called by the time the response was returned. */
	before: string[];
	/** … and once the work after the response has finished. */
	after: string[];
}

async function send(path: string, body: unknown, cookie?: string): Promise<Sent> {
	const calls: string[] = [];
	const customer = new Proxy(env.CUSTOMER, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property);
			if (typeof property !== "string" || typeof value !== "function") return value;
			return (...args: unknown[]) => {
				calls.push(property);
				return Reflect.apply(value, target, args);
			};
		},
	});
	const watched = Object.create(env, {
		CUSTOMER: { value: customer, enumerable: true },
	}) as typeof env;
	const headers: Record<string, string> = {
		"Content-Type": "application/json",
		"CF-Connecting-IP": crypto.randomUUID(),
	};
	if (cookie) {
		headers.Cookie = cookie;
		headers.Origin = env.APP_ORIGIN;
	}
	const ctx = createExecutionContext();
	const res = await app.fetch(
		new Request(`https://api.test/api/v1${path}`, {
			method: "POST",
			headers,
			body: JSON.stringify(body),
		}),
		watched,
		ctx,
	);
	const before = [...calls];
	await waitOnExecutionContext(ctx);
	return { res, before, after: [...calls] };
}

const uniqueEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

async function registered(): Promise<{ email: string; id: string }> {
	const email = uniqueEmail("enum");
	const { res } = await send("/auth/signup", { email, password: PASSWORD });
	expect(res.status).toBe(201);
	const { user } = (await res.json()) as { user: { id: string } };
	return { email, id: user.id };
}

describe("#14.10 login", () => {
	it("#14.10 a wrong password does the same work before answering for a registered address (after many failures) as for an unknown one", async () => {
		const { email, id } = await registered();
		// Many earlier failures: the old back-off slept up to 8 s for registered addresses only.
		await env.TEST_DB.prepare(
			"UPDATE users SET failed_logins = 12, last_failed_login_at = ? WHERE id = ?",
		)
			.bind(new Date().toISOString(), id)
			.run();
		waits.length = 0;
		const known = await send("/auth/login", { email, password: "not the password" });
		const unknown = await send("/auth/login", {
			email: uniqueEmail("nobody"),
			password: "not the password",
		});
		expect([known.res.status, unknown.res.status]).toEqual([401, 401]);
		expect(known.before).toEqual(unknown.before);
		expect(waits.filter((ms) => ms > 0)).toEqual([]);
		// The failure is still counted on the account, after the answer.
		expect(known.after).toContain("recordLoginResult");
		const row = await env.TEST_DB.prepare("SELECT failed_logins FROM users WHERE id = ?")
			.bind(id)
			.first<{ failed_logins: number }>();
		expect(row?.failed_logins).toBe(13);
	});
});

describe("#14.10 forgot-password", () => {
	it("#14.10 looks nothing up before it answers, for a registered and an unknown address alike", async () => {
		const { email, id } = await registered();
		const known = await send("/auth/password/forgot", { email });
		const unknown = await send("/auth/password/forgot", { email: uniqueEmail("nobody") });
		expect([known.res.status, unknown.res.status]).toEqual([202, 202]);
		expect(known.before).toEqual([]);
		expect(unknown.before).toEqual([]);
		// The work still happens, after the answer.
		expect(known.after).toEqual(["getLoginCredentials", "issueToken"]);
		expect(unknown.after).toEqual(["getLoginCredentials"]);
		const tokens = await env.TEST_DB.prepare(
			"SELECT COUNT(*) AS n FROM tokens WHERE user_id = ? AND purpose = 'password_reset'",
		)
			.bind(id)
			.first<{ n: number }>();
		expect(tokens?.n).toBe(1);
	});
});

describe("#14.11 sign-up with a registered address", () => {
	it("#14.11 answers with a decoy that looks like a real new user: a generated id, unverified, the echoed locale", async () => {
		const { email } = await registered();
		const decoys: Record<string, unknown>[] = [];
		for (let i = 0; i < 3; i++) {
			const { res } = await send("/auth/signup", {
				email,
				password: `another passphrase ${i}`,
				locale: "de",
			});
			expect(res.status).toBe(201);
			expect(res.headers.get("Set-Cookie")).toBeNull();
			decoys.push(((await res.json()) as { user: Record<string, unknown> }).user);
		}
		const { res } = await send("/auth/signup", {
			email: uniqueEmail("fresh"),
			password: PASSWORD,
			locale: "de",
		});
		const fresh = ((await res.json()) as { user: Record<string, unknown> }).user;
		expect(fresh.id).toMatch(ID);
		for (const decoy of decoys) {
			expect(Object.keys(decoy).sort()).toEqual(Object.keys(fresh).sort());
			expect(decoy.id).toMatch(ID);
			expect(decoy).toMatchObject({ email, emailVerified: false, locale: "de" });
			expect(new Date(String(decoy.createdAt)).toISOString()).toBe(decoy.createdAt);
		}
		expect(new Set(decoys.map((d) => d.id)).size).toBe(decoys.length);
		// Real ids use 32 characters; a hex-only id (the old decoy) has one chance in 2^20 each.
		expect(decoys.some((d) => /[g-z]/.test(String(d.id).slice(4)))).toBe(true);
	});
});
