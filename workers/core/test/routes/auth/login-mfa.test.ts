/**
 * POST /auth/login with two-factor on and POST /auth/login/mfa (src/routes/auth/login.ts,
 * login-mfa.ts), through the real app (issue 20): the password alone gives a ticket and no
 * session; the right code gives a session once; a code is accepted once; five wrong codes end the
 * ticket; a recovery code works once and is mailed; the rate limits and the growing delay apply.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mailTo } from "../../support/mail";
import { type Account, account, call, cookieOf, freshIp, raw } from "../../support/request";
import { codeAt, enableTotp } from "../../support/totp";

async function ticketFor(owner: Account, ip = freshIp()): Promise<string> {
	const login = await call("POST /auth/login", {
		body: { email: owner.email, password: owner.password },
		headers: { "CF-Connecting-IP": ip },
	});
	expect(login.status).toBe(200);
	expect(login.headers.get("Set-Cookie")).toBeNull();
	if (!("mfaRequired" in login.body)) throw new Error("no second step asked for");
	return login.body.ticket;
}

const mfa = (body: unknown, ip = freshIp()) =>
	call("POST /auth/login/mfa", { body, headers: { "CF-Connecting-IP": ip } });

describe("happy", () => {
	it("password → ticket, no cookie; the right code → a session that works", async () => {
		const owner = await account("free");
		const { secret } = await enableTotp(owner);
		const ticket = await ticketFor(owner);
		const res = await mfa({ ticket, code: await codeAt(secret, 1) });
		expect(res.status).toBe(200);
		expect("user" in res.body && res.body.user.id).toBe(owner.userId);
		const cookie = cookieOf(res);
		expect(cookie).toMatch(/^__Host-sp_session=/);
		expect((await call("GET /me", { as: { cookie } })).status).toBe(200);
	});

	it("a recovery code works once, and its use is mailed with the codes left", async () => {
		const owner = await account("free");
		const { recoveryCodes } = await enableTotp(owner);
		const code = recoveryCodes[0] ?? "";
		const first = await mfa({ ticket: await ticketFor(owner), recoveryCode: code });
		expect(first.status).toBe(200);
		const mail = await mailTo(owner.email, /recovery code/i);
		expect(mail.text).toContain("9");
		const again = await mfa({ ticket: await ticketFor(owner), recoveryCode: code });
		expect(again.status).toBe(401);
		expect(again.error.code).toBe("invalid_credentials");
	});
});

describe("error", () => {
	it("a wrong code → 401; the same right code twice → the second 401 (replay)", async () => {
		const owner = await account("free");
		const { secret } = await enableTotp(owner);
		const ticket = await ticketFor(owner);
		const wrong = await mfa({ ticket, code: await codeAt(secret, 5) });
		expect(wrong.status).toBe(401);
		expect(wrong.error.code).toBe("invalid_credentials");
		expect(wrong.headers.get("Set-Cookie")).toBeNull();
		const code = await codeAt(secret, 1);
		expect((await mfa({ ticket, code })).status).toBe(200);
		const replay = await mfa({ ticket: await ticketFor(owner), code });
		expect(replay.status).toBe(401);
	});

	it("five wrong codes end the ticket: the right code then fails too", async () => {
		const owner = await account("free");
		const { secret } = await enableTotp(owner);
		const ticket = await ticketFor(owner);
		const ip = freshIp();
		const wrong = await codeAt(secret, 7);
		for (let i = 0; i < 5; i++) expect((await mfa({ ticket, code: wrong }, ip)).status).toBe(401);
		const late = await mfa({ ticket, code: await codeAt(secret, 1) }, freshIp());
		expect(late.status).toBe(401);
		// The ticket is gone; the account's window (5 a minute) is used up for this minute too.
		expect((await mfa({ ticket, code: await codeAt(secret, 1) }, freshIp())).status).toBe(401);
	});

	it("a ticket older than 5 minutes is dead", async () => {
		const owner = await account("free");
		const { secret } = await enableTotp(owner);
		const ticket = await ticketFor(owner);
		// Age the ticket's record in KV (its key is the SHA-256 of the ticket).
		const digest = new Uint8Array(
			await crypto.subtle.digest("SHA-256", new TextEncoder().encode(ticket)),
		);
		const key = `mfa-ticket:${[...digest].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
		const record = await env.SESSIONS.get<{ createdAt: number }>(key, "json");
		expect(record).not.toBeNull();
		await env.SESSIONS.put(key, JSON.stringify({ ...record, createdAt: Date.now() - 301_000 }));
		expect((await mfa({ ticket, code: await codeAt(secret, 1) })).status).toBe(401);
	});

	it.each([
		["no ticket", { code: "123456" }],
		["a ticket of the wrong shape", { ticket: "abc", code: "123456" }],
		[
			"code and recovery code together",
			{ ticket: "A".repeat(43), code: "123456", recoveryCode: "abcde-fghij" },
		],
		["a number code", { ticket: "A".repeat(43), code: 123456 }],
		["a hostile recovery code", { ticket: "A".repeat(43), recoveryCode: "<img src=x onerror=1>" }],
		["an oversized code", { ticket: "A".repeat(43), recoveryCode: "a".repeat(70_000) }],
	])("%s → 400 (or 413)", async (_, body) => {
		const res = await raw("POST", "/auth/login/mfa", {
			body: JSON.stringify(body),
			headers: { "Content-Type": "application/json" },
		});
		expect([400, 413]).toContain(res.status);
	});

	it("an unknown ticket → 401", async () => {
		const res = await mfa({ ticket: "A".repeat(43), code: "123456" });
		expect(res.status).toBe(401);
		expect(res.error.code).toBe("invalid_credentials");
	});
});

describe("security", () => {
	it("#20 a ticket is bound to its account: another account's code does not use it", async () => {
		const a = await account("free");
		const b = await account("free");
		await enableTotp(a);
		const { secret: secretB } = await enableTotp(b);
		const ticketA = await ticketFor(a);
		expect((await mfa({ ticket: ticketA, code: await codeAt(secretB, 1) })).status).toBe(401);
	});

	it("#20 the second step is rate limited per account (429 with Retry-After)", async () => {
		const owner = await account("free");
		const { secret } = await enableTotp(owner);
		const wrong = await codeAt(secret, 9);
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) {
			const ticket = await ticketFor(owner);
			for (let j = 0; j < 3; j++) statuses.push((await mfa({ ticket, code: wrong })).status);
		}
		expect(statuses).toContain(429);
		const limited = await mfa({ ticket: await ticketFor(owner), code: wrong });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
	});

	it("#20 after 10 failed codes the account's growing delay applies, whatever the ticket", async () => {
		const owner = await account("free");
		const { secret } = await enableTotp(owner);
		await env.SESSIONS.put(
			`mfa-backoff:${owner.userId}`,
			JSON.stringify({ failures: 12, lastFailureAt: Date.now() }),
		);
		const res = await mfa({ ticket: await ticketFor(owner), code: await codeAt(secret, 1) });
		expect(res.status).toBe(429);
		expect(Number(res.headers.get("Retry-After"))).toBeGreaterThanOrEqual(3);
	});

	it("#20 the password step with two-factor on sets no cookie and keeps the caller's session", async () => {
		const owner = await account("free");
		await enableTotp(owner);
		const login = await call("POST /auth/login", {
			as: owner,
			body: { email: owner.email, password: owner.password },
		});
		expect(login.headers.get("Set-Cookie")).toBeNull();
		expect((await call("GET /me", { as: owner })).status).toBe(200);
	});
});
