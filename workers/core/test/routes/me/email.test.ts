/**
 * POST /me/email (src/routes/me/email.ts), through the real app (Core → Customer → D1, Mailer →
 * the local Resend stand-in): an e-mail change needs a confirmed address, is limited per client
 * address, and no address gets more than the per-recipient cap of mails (review SP-07).
 */
import { describe, expect, it } from "vitest";
import { inbox, mailTo, sleep } from "../../support/mail";
import { account, call, storedEmail } from "../../support/request";

const PASSWORD = "token tests passphrase 1";
/** MAIL_LIMITER's limit in wrangler.jsonc: mails per recipient per minute, all templates. */
const MAIL_CAP = 10;
const freshEmail = (tag: string) => `${tag}-${crypto.randomUUID()}@example.com`;

describe("security", () => {
	describe("e-mail change", () => {
		it("#14.3 an unconfirmed account cannot start one: 403 email_not_verified, and no mail", async () => {
			const owner = await account("unverified", { email: freshEmail("owner"), password: PASSWORD });
			const { email, userId } = owner;
			const target = freshEmail("target");
			const res = await call("POST /me/email", {
				as: owner,
				body: { newEmail: target, password: PASSWORD },
			});
			expect(res.status).toBe(403);
			expect(res.error.code).toBe("email_not_verified");
			await mailTo(email, /confirm/i); // the sign-up mail was delivered; the mailer is working
			await sleep(500);
			expect(await inbox(target)).toHaveLength(0);
			expect(await storedEmail(userId)).toBe(email);
		});

		it("#14.8 is limited per client address (429), counted before the body is even read", async () => {
			// A confirmed account whose every request comes from one client address.
			const owner = await account("free", {
				email: freshEmail("one-ip"),
				password: PASSWORD,
				ip: `198.51.100.${Math.floor(Math.random() * 250)}`,
			});
			const statuses: number[] = [];
			// Fixed 60-second windows: more than twice the limit (20) guarantees one full window.
			for (let i = 0; i < 45 && !statuses.includes(429); i++) {
				statuses.push((await call("POST /me/email", { as: owner, body: {} })).status);
			}
			expect(statuses[0]).toBe(400);
			expect(statuses).toContain(429);
		});
	});

	describe("per-recipient mail cap", () => {
		it("#14.8 three accounts × five e-mail changes to one bystander: the bystander gets at most the cap", async () => {
			const owners = await Promise.all(
				[1, 2, 3].map(() => account("free", { email: freshEmail("owner"), password: PASSWORD })),
			);
			const bystander = freshEmail("bystander");
			// The limiter counts in fixed windows on the wall clock: start in a fresh one, so the
			// burst is judged by one window (a straddling burst may see two caps).
			const intoWindow = Date.now() % 60_000;
			if (intoWindow > 45_000) await sleep(60_000 - intoWindow + 100);
			const firstWindow = Math.floor(Date.now() / 60_000);
			const statuses: number[] = [];
			for (const owner of owners) {
				for (let i = 0; i < 5; i++) {
					statuses.push(
						(
							await call("POST /me/email", {
								as: owner,
								body: { newEmail: bystander, password: PASSWORD },
							})
						).status,
					);
				}
			}
			// Every request is answered the same way: the cap is invisible to the sender.
			expect(statuses).toEqual(Array(15).fill(202));
			// On a loaded machine the burst can still reach into the next window, which has a cap of
			// its own; the bound is the cap per window the burst touched (one, as a rule).
			const windows = Math.floor(Date.now() / 60_000) - firstWindow + 1;
			const deadline = Date.now() + 10_000;
			while ((await inbox(bystander)).length < MAIL_CAP && Date.now() < deadline) await sleep(200);
			await sleep(1500); // any mail over the cap would arrive by now
			const received = (await inbox(bystander)).length;
			expect(received).toBeGreaterThan(0);
			expect(received).toBeLessThanOrEqual(MAIL_CAP * windows);
		}, 90_000);
	});
});
