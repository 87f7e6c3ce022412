/**
 * Issue 14 items 3, 8 and 9 over real HTTP against the running stack: single-use links end at
 * every password or e-mail event, e-mail change needs a confirmed address and cannot bomb a
 * mailbox, and bad input around links and confirmations is a clean 4xx, never a 500.
 */
import { describe, expect, it } from "vitest";
import {
	client,
	inboxOf,
	mailTo,
	PASSWORD,
	randomIp,
	signedUp,
	tokenFrom,
	uniqueEmail,
	until,
	verifiedAccount,
} from "../support/api.ts";

/** MAIL_LIMITER's limit in workers/core/wrangler.jsonc: mails per recipient per minute. */
const MAIL_CAP = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const inboxCount = async (email: string) => (await inboxOf(email)).length;

async function emailOf(api: ReturnType<typeof client>): Promise<string> {
	return (await api.call("GET /me")).body.user.email;
}

describe("#14.3 single-use links end at every password or e-mail event", () => {
	it("#14.3 a password reset ends a pending e-mail-change link (SP-02): 400, address unchanged", async () => {
		const { api, email } = await verifiedAccount();
		const attacker = uniqueEmail("attacker");
		expect(
			(await api.call("POST /me/email", { body: { newEmail: attacker, password: PASSWORD } }))
				.status,
		).toBe(202);
		const change = tokenFrom(await mailTo(attacker, /new e-mail address/i));

		expect((await client().call("POST /auth/password/forgot", { body: { email } })).status).toBe(
			202,
		);
		const reset = tokenFrom(await mailTo(email, /reset/i));
		const newPassword = "the owner's own passphrase";
		expect(
			(
				await client().call("POST /auth/password/reset", {
					body: { token: reset, password: newPassword },
				})
			).status,
		).toBe(204);

		const replay = await client().call("POST /auth/verify-email", { body: { token: change } });
		expect(replay.status).toBe(400);
		expect(replay.error.code).toBe("validation_failed");
		const owner = client();
		expect(
			(await owner.call("POST /auth/login", { body: { email, password: newPassword } })).status,
		).toBe(200);
		expect(await emailOf(owner)).toBe(email);
		expect(
			(
				await client().call("POST /auth/login", {
					body: { email: attacker, password: newPassword },
				})
			).status,
		).toBe(401);
	});

	it("#14.3 a reset link requested before a password change is dead after it (SP-16)", async () => {
		const { api, email } = await verifiedAccount();
		expect((await client().call("POST /auth/password/forgot", { body: { email } })).status).toBe(
			202,
		);
		const reset = tokenFrom(await mailTo(email, /reset/i));
		const changed = await api.call("POST /me/password", {
			body: {
				currentPassword: PASSWORD,
				newPassword: "changed in settings 7",
			},
		});
		expect(changed.status).toBe(204);
		const replay = await client().call("POST /auth/password/reset", {
			body: {
				token: reset,
				password: "someone else's pass 8",
			},
		});
		expect(replay.status).toBe(400);
		expect(replay.error.code).toBe("validation_failed");
		expect(
			(
				await client().call("POST /auth/login", {
					body: { email, password: "changed in settings 7" },
				})
			).status,
		).toBe(200);
	});

	it("#14.3 an unconfirmed account cannot start an e-mail change: 403 email_not_verified, no mail", async () => {
		const { api, email } = await signedUp();
		const target = uniqueEmail("target");
		const res = await api.call("POST /me/email", {
			body: { newEmail: target, password: PASSWORD },
		});
		expect(res.status).toBe(403);
		expect(res.error.code).toBe("email_not_verified");
		await mailTo(email, /confirm/i); // mail is flowing: the sign-up mail arrived
		await sleep(1000);
		expect(await inboxCount(target)).toBe(0);
		expect(await emailOf(api)).toBe(email);
	});
});

describe("#14.8 no mail bombing through e-mail change", () => {
	it("#14.8 three accounts × five changes to one bystander: all 202, the bystander gets at most the cap", async () => {
		const accounts = [await verifiedAccount(), await verifiedAccount(), await verifiedAccount()];
		const bystander = uniqueEmail("bystander");
		// The limiter counts in fixed windows on the wall clock: start in a fresh one, so the burst
		// is judged by one window (a burst across a boundary may see two caps).
		const intoWindow = Date.now() % 60_000;
		if (intoWindow > 40_000) await sleep(60_000 - intoWindow + 200);
		const statuses: number[] = [];
		for (const { api } of accounts) {
			for (let i = 0; i < 5; i++) {
				statuses.push(
					(await api.call("POST /me/email", { body: { newEmail: bystander, password: PASSWORD } }))
						.status,
				);
			}
		}
		expect(statuses).toEqual(Array(15).fill(202));
		await until(
			() => inboxCount(bystander),
			(n) => n >= MAIL_CAP,
			"mails to the bystander",
		);
		await sleep(2000); // anything over the cap would have arrived by now
		expect(await inboxCount(bystander)).toBe(MAIL_CAP);
	}, 120_000);

	it("#14.8 /me/email is limited per client address (429)", async () => {
		const ip = randomIp();
		const { api } = await verifiedAccount();
		const sameIp = client(ip);
		sameIp.cookie = api.cookie;
		const statuses: number[] = [];
		for (let i = 0; i < 45 && !statuses.includes(429); i++)
			// An empty body: refused (400) until the limit answers first.
			statuses.push((await sameIp.raw("POST", "/me/email", { body: {} })).status);
		expect(statuses[0]).toBe(400);
		expect(statuses).toContain(429);
	});
});

describe("#14.9 bad input is a 4xx, never a 500", () => {
	const MALFORMED = ["mailto:%E0@example.com", "tel:%E0%A4", "mailto:a%@example.com"];

	it("#14.9 malformed percent-encoding in link, social and privacy URLs → 400 validation_failed, nothing changed", async () => {
		const { api } = await verifiedAccount();
		const page = await api.call("POST /pages", { body: { title: "Links" } });
		expect(page.status).toBe(201);
		const pageId = page.body.page.id;
		const link = await api.call("POST /pages/:id/links", {
			params: { id: pageId },
			body: {
				title: "Mail me",
				url: "mailto:anna@example.com",
			},
		});
		expect(link.status).toBe(201);
		const profileBefore = await api.call("GET /profile");
		for (const url of MALFORMED) {
			const created = await api.call("POST /pages/:id/links", {
				params: { id: pageId },
				body: { title: "t", url },
			});
			expect(created.status, `POST ${url}`).toBe(400);
			expect(created.error.code).toBe("validation_failed");
			expect(created.error.fields).toHaveProperty("url");
			const patched = await api.call("PATCH /pages/:id/links/:linkId", {
				params: { id: pageId, linkId: link.body.link.id },
				body: { url },
			});
			expect(patched.status, `PATCH ${url}`).toBe(400);
			expect(patched.error.code).toBe("validation_failed");
			const social = await api.call("PATCH /profile", {
				body: { socials: [{ network: "website", url }] },
			});
			expect(social.status, `socials ${url}`).toBe(400);
			const privacy = await api.call("PATCH /profile", { body: { privacyUrl: url } });
			expect(privacy.status, `privacyUrl ${url}`).toBe(400);
		}
		const links = await api.call("GET /pages/:id/links", { params: { id: pageId } });
		expect(links.body.links.map((l) => l.url)).toEqual(["mailto:anna@example.com"]);
		expect((await api.call("GET /profile")).text).toBe(profileBefore.text);
	});

	it("#14.9 two simultaneous confirmations of changes to one address: 200 and 409 conflict; the losing link still works later", async () => {
		const a = await verifiedAccount();
		const b = await verifiedAccount();
		const target = uniqueEmail("contested");
		for (const { api } of [a, b]) {
			expect(
				(await api.call("POST /me/email", { body: { newEmail: target, password: PASSWORD } }))
					.status,
			).toBe(202);
		}
		// Both links went to the same mailbox; tell them apart by waiting for two.
		const messages = await until(
			() => inboxOf(target),
			(m) => m.length >= 2,
			"two confirmation mails",
		);
		const tokens = messages.slice(0, 2).map(tokenFrom);
		const results = await Promise.all(
			tokens.map((token) => client().call("POST /auth/verify-email", { body: { token } })),
		);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
		const loser = results.findIndex((r) => r.status === 409);
		expect(results[loser]?.error.code).toBe("conflict");
		const winner = results[1 - loser]?.body.user.id === a.userId ? a : b;
		const other = winner === a ? b : a;
		expect(await emailOf(other.api)).toBe(other.email);

		// The losing link was not burned: once the address is free, it works.
		expect((await winner.api.call("DELETE /me", { body: { password: PASSWORD } })).status).toBe(
			204,
		);
		const later = await client().call("POST /auth/verify-email", {
			body: {
				token: tokens[loser] ?? "",
			},
		});
		expect(later.status).toBe(200);
		expect(later.body.user.email).toBe(target);
	});
});
