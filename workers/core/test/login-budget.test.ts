/**
 * Password guessing across client addresses (issue 14, item 7), through the real app: IPv6
 * addresses count per /64 for every per-address limit, an account has a guessing budget that no
 * choice of addresses escapes, and its owner still gets in at once from a network they signed in
 * from. The owner's login is checked for any deliberate wait by watching `scheduler.wait`.
 */
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";

const PASSWORD = "budget passphrase 77";

const hex = (bits: number) =>
	Math.floor(Math.random() * 2 ** bits)
		.toString(16)
		.padStart(bits / 4, "0");

/** A random /64 as its first four groups, e.g. `2001:db8:1a2b:3c4d`. */
const randomPrefix = () => `2001:db8:${hex(16)}:${hex(16)}`;
/** A random address inside a /64. */
const inside = (prefix: string) => `${prefix}:${hex(16)}:${hex(16)}:${hex(16)}:${hex(16)}`;

async function post(path: string, ip: string, body: unknown): Promise<Response> {
	return exports.default.fetch(
		new Request(`https://api.test/api/v1${path}`, {
			method: "POST",
			headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
			body: JSON.stringify(body),
		}),
	);
}

/** A fresh account signed up from `ip` (so that network is the owner's). */
async function owner(ip: string): Promise<string> {
	const email = `budget-${crypto.randomUUID()}@example.com`;
	const res = await post("/auth/signup", ip, { email, password: PASSWORD });
	expect(res.status).toBe(201);
	return email;
}

const guess = (email: string, ip: string, n: number) =>
	post("/auth/login", ip, { email, password: `wrong guess ${n}` });

// Every wait the code under test asks the runtime for while a test runs.
const waits: number[] = [];
const realWait = scheduler.wait.bind(scheduler);
scheduler.wait = (ms: number) => {
	waits.push(ms);
	return realWait(ms);
};
afterEach(() => {
	waits.length = 0;
});

describe("#14.7 per-address limits count an IPv6 /64 as one client", () => {
	it("#14.7 30 guesses at one account from 30 addresses of one /64 are limited", async () => {
		const email = await owner(inside(randomPrefix()));
		const prefix = randomPrefix();
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) => guess(email, inside(prefix), i)),
		);
		const statuses = results.map((r) => r.status);
		expect(statuses).toContain(429);
		// The account-and-network window allows 5.
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
	});

	it("#14.7 sign-ups from 25 addresses of one /64 hit the per-client limit", async () => {
		const prefix = randomPrefix();
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) {
			const res = await post("/auth/signup", inside(prefix), {
				email: `sub64-${crypto.randomUUID()}@example.com`,
				password: "short",
			});
			statuses.push(res.status);
		}
		expect(statuses).toContain(429);
	});
});

describe("#14.7 an account's guessing budget, whatever the addresses", () => {
	it("#14.7 guesses rotating across /64s still run out of the account's budget", async () => {
		const email = await owner(inside(randomPrefix()));
		const statuses: number[] = [];
		for (let i = 0; i < 30; i++)
			statuses.push((await guess(email, inside(randomPrefix()), i)).status);
		expect(statuses).toContain(429);
		// Refused before the password is checked: at most the free failures got an answer.
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
		const refused = await guess(email, inside(randomPrefix()), 99);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
	});

	it("#14.7 a burst of 30 guesses from 30 /64s at once is capped by the account's budget", async () => {
		const email = await owner(inside(randomPrefix()));
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) => guess(email, inside(randomPrefix()), i)),
		);
		const statuses = results.map((r) => r.status);
		// All arrive before any failure is recorded; the budget's window (20) still holds.
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
		expect(statuses).toContain(429);
	});

	it("#14.7 the owner's correct password still works at once afterwards, and the attack stays refused", async () => {
		const home = inside(randomPrefix());
		const email = await owner(home);
		let last = 0;
		for (let i = 0; i < 30 && last !== 429; i++)
			last = (await guess(email, inside(randomPrefix()), i)).status;
		expect(last).toBe(429);
		waits.length = 0;
		const res = await post("/auth/login", home, { email, password: PASSWORD });
		expect(res.status).toBe(200);
		expect(res.headers.get("Set-Cookie")).toMatch(/^__Host-sp_session=/);
		// No deliberate delay before the owner's answer (the old back-off slept up to 8 s).
		expect(waits.filter((ms) => ms > 0)).toEqual([]);
		// The owner's success does not hand the attacker a fresh budget.
		expect((await guess(email, inside(randomPrefix()), 100)).status).toBe(429);
	});

	it("an attacker on one network does not lock the owner out of another one", async () => {
		const email = await owner(inside(randomPrefix()));
		const attacker = inside(randomPrefix());
		let last = 0;
		for (let i = 0; i < 12 && last !== 429; i++) last = (await guess(email, attacker, i)).status;
		expect(last).toBe(429);
		// A network the owner never used before: only the attacker's network is used up.
		const res = await post("/auth/login", inside(randomPrefix()), { email, password: PASSWORD });
		expect(res.status).toBe(200);
	});
});
