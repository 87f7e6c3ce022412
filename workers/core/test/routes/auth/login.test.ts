/**
 * POST /auth/login (src/routes/auth/login.ts), through the real app (Core → Customer → D1, KV).
 * No account enumeration (issue 14.10, review SP-08): a wrong password does the same work before
 * the answer for a registered and an unknown address, checked with the Customer binding watched
 * instead of measuring time. Password guessing across client addresses (issue 14.7): IPv6
 * addresses count per /64, an account has a guessing budget that no choice of addresses escapes,
 * and its owner still gets in at once from a network they signed in from (`scheduler.wait` is
 * watched for deliberate delays). KV holds no raw session token.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { account, addressIn, call, cookieOf, freshIp, freshNetwork } from "../../support/request";
import { watchedCall, watchWaits } from "../../support/watch";

const PASSWORD = "budget passphrase 77";

const waits = watchWaits();

const uniqueEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

/** A fresh account signed up from `ip` (so that network is the owner's). */
async function owner(ip: string): Promise<string> {
	const email = `budget-${crypto.randomUUID()}@example.com`;
	await account("unverified", { email, password: PASSWORD, ip });
	return email;
}

const login = (email: string, ip: string, password: string) =>
	call("POST /auth/login", { body: { email, password }, headers: { "CF-Connecting-IP": ip } });

const guess = (email: string, ip: string, n: number) => login(email, ip, `wrong guess ${n}`);

describe("security", () => {
	describe("#14.10 login", () => {
		it("#14.10 a wrong password does the same work before answering for a registered address (after many failures) as for an unknown one", async () => {
			const { email, userId: id } = await account("unverified", {
				email: uniqueEmail("enum"),
				password: "enumeration passphrase 5",
			});
			// Many earlier failures: the old back-off slept up to 8 s for registered addresses only.
			await env.TEST_DB.prepare(
				"UPDATE users SET failed_logins = 12, last_failed_login_at = ? WHERE id = ?",
			)
				.bind(new Date().toISOString(), id)
				.run();
			waits.length = 0;
			const known = await watchedCall("POST /auth/login", {
				body: { email, password: "not the password" },
			});
			const unknown = await watchedCall("POST /auth/login", {
				body: { email: uniqueEmail("nobody"), password: "not the password" },
			});
			expect([known.status, unknown.status]).toEqual([401, 401]);
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

	describe("#14.7 per-address limits count an IPv6 /64 as one client", () => {
		it("#14.7 30 guesses at one account from 30 addresses of one /64 are limited", async () => {
			const email = await owner(freshIp());
			const prefix = freshNetwork();
			const results = await Promise.all(
				Array.from({ length: 30 }, (_, i) => guess(email, addressIn(prefix), i)),
			);
			const statuses = results.map((r) => r.status);
			expect(statuses).toContain(429);
			// The account-and-network window allows 5.
			expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
		});
	});

	describe("#14.7 an account's guessing budget, whatever the addresses", () => {
		it("#14.7 guesses rotating across /64s still run out of the account's budget", async () => {
			const email = await owner(freshIp());
			const statuses: number[] = [];
			for (let i = 0; i < 30; i++) statuses.push((await guess(email, freshIp(), i)).status);
			expect(statuses).toContain(429);
			// Refused before the password is checked: at most the free failures got an answer.
			expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
			const refused = await guess(email, freshIp(), 99);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
		});

		it("#14.7 a burst of 30 guesses from 30 /64s at once is capped by the account's budget", async () => {
			const email = await owner(freshIp());
			const results = await Promise.all(
				Array.from({ length: 30 }, (_, i) => guess(email, freshIp(), i)),
			);
			const statuses = results.map((r) => r.status);
			// All arrive before any failure is recorded; the budget's window (20) still holds.
			expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
			expect(statuses).toContain(429);
		});

		it("#14.7 the owner's correct password still works at once afterwards, and the attack stays refused", async () => {
			const home = freshIp();
			const email = await owner(home);
			let last = 0;
			for (let i = 0; i < 30 && last !== 429; i++) last = (await guess(email, freshIp(), i)).status;
			expect(last).toBe(429);
			waits.length = 0;
			const res = await login(email, home, PASSWORD);
			expect(res.status).toBe(200);
			expect(res.headers.get("Set-Cookie")).toMatch(/^__Host-sp_session=/);
			// No deliberate delay before the owner's answer (the old back-off slept up to 8 s).
			expect(waits.filter((ms) => ms > 0)).toEqual([]);
			// The owner's success does not hand the attacker a fresh budget.
			expect((await guess(email, freshIp(), 100)).status).toBe(429);
		});

		it("an attacker on one network does not lock the owner out of another one", async () => {
			const email = await owner(freshIp());
			const attacker = freshIp();
			let last = 0;
			for (let i = 0; i < 12 && last !== 429; i++) last = (await guess(email, attacker, i)).status;
			expect(last).toBe(429);
			// A network the owner never used before: only the attacker's network is used up.
			const res = await login(email, freshIp(), PASSWORD);
			expect(res.status).toBe(200);
		});
	});

	describe("sessions in KV", () => {
		it("hold no raw token after sign-up and login", async () => {
			const email = `kv-${crypto.randomUUID()}@example.com`;
			const signup = await call("POST /auth/signup", {
				body: { email, password: "kv test passphrase" },
			});
			expect(signup.status).toBe(201);
			const loggedIn = await call("POST /auth/login", {
				body: { email, password: "kv test passphrase" },
			});
			expect(loggedIn.status).toBe(200);
			const tokens = [cookieOf(signup), cookieOf(loggedIn)].map((c) => c.split("=")[1] ?? "");
			expect(tokens.every((t) => /^[A-Za-z0-9_-]{43}$/.test(t))).toBe(true);
			const { keys } = await env.SESSIONS.list();
			const values = await Promise.all(keys.map(({ name }) => env.SESSIONS.get(name)));
			const dump = keys.map((k, i) => `${k.name}=${values[i]}`).join("\n");
			for (const token of tokens) expect(dump).not.toContain(token);
		});
	});
});
