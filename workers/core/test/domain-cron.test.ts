/**
 * Core's domain cron against the real Customer and Mailer workers: when several accounts claimed
 * one hostname (issue 14.13: unproven claims no longer block each other), each claimant gets its
 * own "domain failed" mail; one account's mail must not de-duplicate another's.
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
	return { call, email };
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
});
