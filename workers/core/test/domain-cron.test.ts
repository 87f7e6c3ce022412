/**
 * Core's domain cron against the real Customer and Mailer workers: when several accounts claimed
 * one hostname (issue 14.13: unproven claims no longer block each other), each claimant gets its
 * own "domain failed" mail; one account's mail must not de-duplicate another's. A mail the Mailer
 * refuses stays in the outbox for the next run and holds up no other (issue 15.3).
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { waitForMail } from "../../../tools/stack/src/api-client.ts";
import { recheckDomains } from "../src/scheduled";

const ORIGIN = "http://localhost:4321";
const mailBase = () => `http://127.0.0.1:${env.TEST_CLOUD.mail}`;

/** A signed-in, verified Pro account talking to Core over HTTP. */
async function proAccount() {
	let cookie = "";
	const call = async (method: string, path: string, body?: unknown) => {
		const res = await exports.default.fetch(
			new Request(`https://api.test/api/v1${path}`, {
				method,
				headers: {
					Origin: ORIGIN,
					"CF-Connecting-IP": crypto.randomUUID(),
					"Content-Type": "application/json",
					...(cookie ? { Cookie: cookie } : {}),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			}),
		);
		const set = res.headers.get("Set-Cookie");
		if (set) cookie = set.split(";")[0] ?? "";
		return res;
	};
	const email = `cron-${crypto.randomUUID()}@example.com`;
	const signup = await call("POST", "/auth/signup", { email, password: "cron passphrase 42" });
	const { user } = (await signup.json()) as { user: { id: string } };
	await env.TEST_DB.prepare(
		"UPDATE users SET email_verified_at = ?, plan_id = 'pro', plan_status = 'active' WHERE id = ?",
	)
		.bind(new Date().toISOString(), user.id)
		.run();
	return { call, email, userId: user.id };
}

describe("the domain cron's mails", () => {
	it("#14.13 every account that claimed a hostname is told when its claim fails", async () => {
		const hostname = `shared-${crypto.randomUUID().slice(0, 8)}.example.test`;
		const first = await proAccount();
		const second = await proAccount();
		expect((await first.call("POST", "/domains", { hostname })).status).toBe(201);
		expect((await second.call("POST", "/domains", { hostname })).status).toBe(201);

		await recheckDomains(env, Date.now() + 73 * 3600 * 1000);
		for (const { email } of [first, second]) {
			const mail = await waitForMail(mailBase(), email, (m) => m.text.includes(hostname));
			expect(mail.text).toContain(hostname);
		}
	});

	it("#15.3 a mail the Mailer refuses stays in the outbox for the next run, and the other mails go out", async () => {
		const refused = await proAccount();
		const other = await proAccount();
		const first = `refused-${crypto.randomUUID().slice(0, 8)}.example.test`;
		const second = `other-${crypto.randomUUID().slice(0, 8)}.example.test`;
		expect((await refused.call("POST", "/domains", { hostname: first })).status).toBe(201);
		expect((await other.call("POST", "/domains", { hostname: second })).status).toBe(201);
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
		const mail = await waitForMail(mailBase(), other.email, (m) => m.text.includes(second));
		expect(mail.text).toContain(second);
		expect((await outbox()).results).toEqual([{ template: "domain_failed" }]);

		await env.TEST_DB.prepare("UPDATE users SET email = ? WHERE id = ?")
			.bind(refused.email, refused.userId)
			.run();
		await recheckDomains(env, later);
		const late = await waitForMail(mailBase(), refused.email, (m) => m.text.includes(first));
		expect(late.text).toContain(first);
		expect((await outbox()).results).toEqual([]);
	});
});
