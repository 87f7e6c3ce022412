/**
 * Core's cron jobs (src/scheduled.ts) against the real Customer and Mailer workers.
 *
 * The domain cron: when several accounts claimed one hostname (issue 14.13: unproven claims no
 * longer block each other), each claimant gets its own "domain failed" mail; one account's mail
 * must not de-duplicate another's. A mail the Mailer refuses stays in the outbox for the next run
 * and holds up no other (issue 15.3).
 *
 * The manifest walk over every account that brings older site manifests up to the current format
 * (issue 14.12): it advances a cursor in KV one batch per run, and once it has seen every account
 * it stops for good.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MANIFEST_WALK_KEY, recheckDomains, upgradeManifests } from "../../src/scheduled";
import { mailTo } from "../support/mail";
import { account, call } from "../support/request";

/** A signed-in, verified Pro account. */
const proAccount = () =>
	account("pro", {
		email: `cron-${crypto.randomUUID()}@example.com`,
		password: "cron passphrase 42",
	});

describe("the domain cron's mails", () => {
	it("#14.13 every account that claimed a hostname is told when its claim fails", async () => {
		const hostname = `shared-${crypto.randomUUID().slice(0, 8)}.example.test`;
		const first = await proAccount();
		const second = await proAccount();
		expect((await call("POST /domains", { as: first, body: { hostname } })).status).toBe(201);
		expect((await call("POST /domains", { as: second, body: { hostname } })).status).toBe(201);

		await recheckDomains(env, Date.now() + 73 * 3600 * 1000);
		for (const { email } of [first, second]) {
			const mail = await mailTo(email, (m) => m.text.includes(hostname));
			expect(mail.text).toContain(hostname);
		}
	});

	it("#15.3 a mail the Mailer refuses stays in the outbox for the next run, and the other mails go out", async () => {
		const refused = await proAccount();
		const other = await proAccount();
		const first = `refused-${crypto.randomUUID().slice(0, 8)}.example.test`;
		const second = `other-${crypto.randomUUID().slice(0, 8)}.example.test`;
		expect((await call("POST /domains", { as: refused, body: { hostname: first } })).status).toBe(
			201,
		);
		expect((await call("POST /domains", { as: other, body: { hostname: second } })).status).toBe(
			201,
		);
		// An address the Mailer refuses (over 254 characters), as a stand-in for any refusal.
		await env.TEST_DB.prepare("UPDATE users SET email = ? WHERE id = ?")
			.bind(`${crypto.randomUUID()}${"x".repeat(250)}@example.com`, refused.userId)
			.run();
		const outbox = () =>
			env.TEST_DB.prepare("SELECT template FROM domain_notices WHERE user_id = ?")
				.bind(refused.userId)
				.all<{ template: string }>();

		const later = Date.now() + 73 * 3600 * 1000;
		await recheckDomains(env, later);
		const mail = await mailTo(other.email, (m) => m.text.includes(second));
		expect(mail.text).toContain(second);
		expect((await outbox()).results).toEqual([{ template: "domain_failed" }]);

		await env.TEST_DB.prepare("UPDATE users SET email = ? WHERE id = ?")
			.bind(refused.email, refused.userId)
			.run();
		await recheckDomains(env, later);
		const late = await mailTo(refused.email, (m) => m.text.includes(first));
		expect(late.text).toContain(first);
		expect((await outbox()).results).toEqual([]);
	});
});

describe("manifest upgrade cron", () => {
	it("walks every account and then stops", async () => {
		await env.SESSIONS.delete(MANIFEST_WALK_KEY);
		for (let run = 0; run < 50; run++) {
			await upgradeManifests(env);
			if ((await env.SESSIONS.get(MANIFEST_WALK_KEY)) === "done") break;
		}
		expect(await env.SESSIONS.get(MANIFEST_WALK_KEY)).toBe("done");
		// A finished walk costs one KV read and calls nothing.
		await upgradeManifests(env);
		expect(await env.SESSIONS.get(MANIFEST_WALK_KEY)).toBe("done");
	});
});
