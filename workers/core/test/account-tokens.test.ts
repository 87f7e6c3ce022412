/**
 * Single-use links and the mails that carry them, through the real app (Core → Customer → D1,
 * Mailer → the local Resend stand-in): a password event ends every pending link (review SP-02,
 * SP-16), an e-mail change needs a confirmed address, and no address gets more than the
 * per-recipient cap of mails (SP-07).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type InboxMessage, tokenFrom, waitForMail } from "../../../tools/stack/src/api-client.ts";
import { appClient } from "./support/app-client";

const PASSWORD = "token tests passphrase 1";
/** MAIL_LIMITER's limit in wrangler.jsonc: mails per recipient per minute, all templates. */
const MAIL_CAP = 10;
const mailBase = () => `http://127.0.0.1:${env.TEST_CLOUD.mail}`;
const freshEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

/** A signed-up account, signed in; confirmed unless asked otherwise. */
async function account(options: { verified?: boolean } = {}) {
	const call = appClient();
	const email = freshEmail("owner");
	const signup = await call("POST", "/auth/signup", { email, password: PASSWORD });
	const userId = (signup.body as { user: { id: string } }).user.id;
	if (options.verified !== false) {
		await env.TEST_DB.prepare("UPDATE users SET email_verified_at = ? WHERE id = ?")
			.bind(new Date().toISOString(), userId)
			.run();
	}
	return { call, email, userId };
}

async function inbox(to: string): Promise<InboxMessage[]> {
	const res = await fetch(`${mailBase()}/api/messages?to=${encodeURIComponent(to)}`);
	return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

const mailTo = (to: string, subject: RegExp) =>
	waitForMail(mailBase(), to, (m) => subject.test(m.subject));

async function storedEmail(userId: string): Promise<string | undefined> {
	const row = await env.TEST_DB.prepare("SELECT email FROM users WHERE id = ?")
		.bind(userId)
		.first<{ email: string }>();
	return row?.email;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a password event ends every pending link", () => {
	it("#14.3 a password reset ends a pending e-mail-change token (SP-02)", async () => {
		const { call, email, userId } = await account();
		const attacker = freshEmail("attacker");
		expect(
			(await call("POST", "/me/email", { newEmail: attacker, password: PASSWORD })).status,
		).toBe(202);
		const change = tokenFrom(await mailTo(attacker, /new e-mail address/i));

		expect((await appClient()("POST", "/auth/password/forgot", { email })).status).toBe(202);
		const reset = tokenFrom(await mailTo(email, /reset/i));
		const newPassword = "the owner's new passphrase";
		expect(
			(await appClient()("POST", "/auth/password/reset", { token: reset, password: newPassword }))
				.status,
		).toBe(204);

		const replay = await appClient()("POST", "/auth/verify-email", { token: change });
		expect(replay.status).toBe(400);
		expect(replay.body.error?.code).toBe("validation_failed");
		expect(await storedEmail(userId)).toBe(email);
		expect(
			(await appClient()("POST", "/auth/login", { email, password: newPassword })).status,
		).toBe(200);
	});

	it("#14.3 a reset link requested before a password change is dead after it (SP-16)", async () => {
		const { call, email } = await account();
		expect((await appClient()("POST", "/auth/password/forgot", { email })).status).toBe(202);
		const reset = tokenFrom(await mailTo(email, /reset/i));
		const changed = await call("POST", "/me/password", {
			currentPassword: PASSWORD,
			newPassword: "changed passphrase 2",
		});
		expect(changed.status).toBe(204);
		const replay = await appClient()("POST", "/auth/password/reset", {
			token: reset,
			password: "attacker passphrase 3",
		});
		expect(replay.status).toBe(400);
		expect(
			(await appClient()("POST", "/auth/login", { email, password: "changed passphrase 2" }))
				.status,
		).toBe(200);
	});
});

describe("the credentials version alone ends a link", () => {
	it("#14.3 links mailed before the account's credentials version moved are refused, even if never marked used", async () => {
		const { email, userId } = await account({ verified: false });
		const verify = tokenFrom(await mailTo(email, /confirm/i));
		expect((await appClient()("POST", "/auth/password/forgot", { email })).status).toBe(202);
		const reset = tokenFrom(await mailTo(email, /reset/i));
		// Only the version moves (as a password event on another path would); the token rows are
		// untouched, so nothing but the version check in the consuming SQL can refuse them.
		await env.TEST_DB.prepare(
			"UPDATE users SET credentials_version = credentials_version + 1 WHERE id = ?",
		)
			.bind(userId)
			.run();
		const verified = await appClient()("POST", "/auth/verify-email", { token: verify });
		expect(verified.status).toBe(400);
		expect(verified.body.error?.code).toBe("validation_failed");
		const res = await appClient()("POST", "/auth/password/reset", {
			token: reset,
			password: "attacker passphrase 4",
		});
		expect(res.status).toBe(400);
		expect(res.body.error?.code).toBe("validation_failed");
	});
});

describe("e-mail change", () => {
	it("#14.3 an unconfirmed account cannot start one: 403 email_not_verified, and no mail", async () => {
		const { call, email, userId } = await account({ verified: false });
		const target = freshEmail("target");
		const res = await call("POST", "/me/email", { newEmail: target, password: PASSWORD });
		expect(res.status).toBe(403);
		expect(res.body.error?.code).toBe("email_not_verified");
		await mailTo(email, /confirm/i); // the sign-up mail was delivered; the mailer is working
		await sleep(500);
		expect(await inbox(target)).toHaveLength(0);
		expect(await storedEmail(userId)).toBe(email);
	});

	it("#14.8 is limited per client address (429), counted before the body is even read", async () => {
		const { call } = await signedInFrom(`198.51.100.${Math.floor(Math.random() * 250)}`);
		const statuses: number[] = [];
		// Fixed 60-second windows: more than twice the limit (20) guarantees one full window.
		for (let i = 0; i < 45 && !statuses.includes(429); i++) {
			statuses.push((await call("POST", "/me/email", {})).status);
		}
		expect(statuses[0]).toBe(400);
		expect(statuses).toContain(429);
	});
});

/** A confirmed account whose every request comes from one client address. */
async function signedInFrom(ip: string) {
	const call = appClient(ip);
	const email = freshEmail("one-ip");
	const signup = await call("POST", "/auth/signup", { email, password: PASSWORD });
	const userId = (signup.body as { user: { id: string } }).user.id;
	await env.TEST_DB.prepare("UPDATE users SET email_verified_at = ? WHERE id = ?")
		.bind(new Date().toISOString(), userId)
		.run();
	return { call, userId };
}

describe("per-recipient mail cap", () => {
	it("#14.8 three accounts × five e-mail changes to one bystander: the bystander gets at most the cap", async () => {
		const accounts = await Promise.all([account(), account(), account()]);
		const bystander = freshEmail("bystander");
		// The limiter counts in fixed windows on the wall clock: start in a fresh one, so the
		// burst is judged by one window (a straddling burst may see two caps).
		const intoWindow = Date.now() % 60_000;
		if (intoWindow > 45_000) await sleep(60_000 - intoWindow + 100);
		const statuses: number[] = [];
		for (const { call } of accounts) {
			for (let i = 0; i < 5; i++) {
				statuses.push(
					(await call("POST", "/me/email", { newEmail: bystander, password: PASSWORD })).status,
				);
			}
		}
		// Every request is answered the same way: the cap is invisible to the sender.
		expect(statuses).toEqual(Array(15).fill(202));
		const deadline = Date.now() + 10_000;
		while ((await inbox(bystander)).length < MAIL_CAP && Date.now() < deadline) await sleep(200);
		await sleep(1500); // any mail over the cap would arrive by now
		const received = (await inbox(bystander)).length;
		expect(received).toBeGreaterThan(0);
		expect(received).toBeLessThanOrEqual(MAIL_CAP);
	}, 90_000);
});
