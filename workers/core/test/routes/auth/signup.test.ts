/**
 * POST /auth/signup (src/routes/auth/signup.ts), through the real app (Core → Customer → D1,
 * KV): a sign-up, like a login, replaces the caller's session instead of leaving it alive
 * (SP-22); a registered address gets a decoy answer that looks like a real new user (issue
 * 14.11); sign-ups count against the per-client limit per IPv6 /64 (issue 14.7).
 */
import { describe, expect, it } from "vitest";
import { account, addressIn, call, cookieOf, freshNetwork } from "../../support/request";
import { watchedCall } from "../../support/watch";

const PASSWORD = "enumeration passphrase 5";
const ID = /^usr_[0-9a-hjkmnp-tv-z]{20}$/;

const uniqueEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

describe("security", () => {
	describe("sessions in KV", () => {
		it("SP-22 signing up while signed in ends the previous session", async () => {
			const first = await call("POST /auth/signup", {
				body: {
					email: `first-${crypto.randomUUID()}@example.com`,
					password: "kv test passphrase",
				},
			});
			const previous = { cookie: cookieOf(first) };
			expect((await call("GET /me", { as: previous })).status).toBe(200);
			const second = await call("POST /auth/signup", {
				as: previous,
				body: {
					email: `second-${crypto.randomUUID()}@example.com`,
					password: "kv test passphrase",
				},
			});
			expect(second.status).toBe(201);
			const current = { cookie: cookieOf(second) };
			expect(current.cookie).not.toBe(previous.cookie);
			expect((await call("GET /me", { as: previous })).status).toBe(401);
			expect((await call("GET /me", { as: current })).status).toBe(200);
		});
	});

	describe("#14.11 sign-up with a registered address", () => {
		it("#14.11 answers with a decoy that looks like a real new user: a generated id, unverified, the echoed locale", async () => {
			const { email } = await account("unverified", {
				email: uniqueEmail("enum"),
				password: PASSWORD,
			});
			const decoys: Record<string, unknown>[] = [];
			for (let i = 0; i < 3; i++) {
				const res = await watchedCall("POST /auth/signup", {
					body: { email, password: `another passphrase ${i}`, locale: "de" },
				});
				expect(res.status).toBe(201);
				expect(res.headers.get("Set-Cookie")).toBeNull();
				decoys.push(res.body.user);
			}
			const res = await watchedCall("POST /auth/signup", {
				body: { email: uniqueEmail("fresh"), password: PASSWORD, locale: "de" },
			});
			const fresh = res.body.user;
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

	describe("#14.7 per-address limits count an IPv6 /64 as one client", () => {
		it("#14.7 sign-ups from 25 addresses of one /64 hit the per-client limit", async () => {
			const prefix = freshNetwork();
			const statuses: number[] = [];
			for (let i = 0; i < 25; i++) {
				const res = await call("POST /auth/signup", {
					body: { email: `sub64-${crypto.randomUUID()}@example.com`, password: "short" },
					headers: { "CF-Connecting-IP": addressIn(prefix) },
				});
				statuses.push(res.status);
			}
			expect(statuses).toContain(429);
		});
	});
});
