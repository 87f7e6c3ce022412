/**
 * Handles and subdomains over HTTP against the running stack, through to the Domain Worker: the
 * review's SP-01 scenario (racing handle changes must not leave another tenant's subdomain
 * serving the racer's pages) and the handle rules (no punycode look-alikes, no impersonation).
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
	client,
	getWithHost,
	mailTo,
	PASSWORD,
	stack,
	tokenFrom,
	until,
	verifiedAccount,
} from "../support/api.ts";

const siteOf = (handle: string) => `http://${handle}.localhost:${stack.ports.domain}/`;
const served = async (handle: string) => {
	const res = await getWithHost(siteOf(handle), stack.ports.domain);
	return { status: res.status, body: await res.text() };
};

/** A verified account whose address's local part is `local` (so its handle is derived from it). */
async function verifiedAs(local: string) {
	const api = client();
	const email = `${local}@victim-${randomBytes(3).toString("hex")}.example`;
	const signup = await api.call("POST /auth/signup", { body: { email, password: PASSWORD } });
	expect(signup.status).toBe(201);
	const mail = await mailTo(email, /confirm|bestätigen/i);
	expect(
		(await api.call("POST /auth/verify-email", { body: { token: tokenFrom(mail) } })).status,
	).toBe(200);
	return api;
}

async function publishTitled(api: ReturnType<typeof client>, title: string) {
	const created = await api.call("POST /pages", { body: { title } });
	expect(created.status).toBe(201);
	expect(
		(await api.call("POST /pages/:id/publish", { params: { id: created.body.page.id } })).status,
	).toBe(200);
}

describe("handles and subdomains", () => {
	it("#14.2 racing handle changes leave no stale subdomain: the other handle's next holder is served, also after the racer's account is gone", async () => {
		const attacker = await verifiedAccount();
		await publishTitled(attacker.api, "ATTACKER CONTENT");

		let free = "";
		for (let attempt = 0; attempt < 8; attempt++) {
			const tag = randomBytes(3).toString("hex");
			const [a, b] = [`sq${tag}-a`, `sq${tag}-b`];
			const answers = await Promise.all([
				attacker.api.call("PATCH /profile", { body: { handle: a } }),
				attacker.api.call("PATCH /profile", { body: { handle: b } }),
			]);
			for (const answer of answers) expect([200, 409]).toContain(answer.status);
			const held = (await attacker.api.call("GET /profile")).body.profile.handle;
			expect([a, b]).toContain(held);
			free = held === a ? b : a;
			// A handle free in D1 has no host mapping: nothing is served there.
			expect((await served(free)).status, `${free} (the account holds ${held})`).toBe(404);
			expect((await served(held)).body).toContain("ATTACKER CONTENT");
		}

		// The victim's address gives them the free handle automatically; they publish.
		const victim = await verifiedAs(free);
		expect((await victim.call("GET /profile")).body.profile.handle).toBe(free);
		await publishTitled(victim, "VICTIM CONTENT");
		const page = await until(
			() => served(free),
			(r) => r.body.includes("VICTIM CONTENT"),
			"the victim's page on their subdomain",
			10_000,
		);
		expect(page.body).not.toContain("ATTACKER CONTENT");

		// The racer deletes their account: the victim's page stays.
		expect((await attacker.api.call("DELETE /me", { body: { password: PASSWORD } })).status).toBe(
			204,
		);
		const after = await served(free);
		expect(after.status).toBe(200);
		expect(after.body).toContain("VICTIM CONTENT");
	});

	it.each([
		["xn--80ak6aa92e", /3rd and 4th/],
		["ab--cd", /3rd and 4th/],
		["smartpages-help", /reserved/],
		["official-shop", /reserved/],
		["acme-support", /reserved/],
	])("#14.14 refuses the handle %s with validation_failed", async (handle, why) => {
		const { api } = await verifiedAccount();
		const before = (await api.call("GET /profile")).body.profile.handle;
		const res = await api.call("PATCH /profile", { body: { handle } });
		expect(res.status).toBe(400);
		expect(res.error.code).toBe("validation_failed");
		expect(res.error.fields?.handle).toMatch(why);
		expect((await api.call("GET /profile")).body.profile.handle).toBe(before);
	});

	it("#14.14 an address like smartpages.support@… gets an allowed handle", async () => {
		const api = client();
		const email = `smartpages.support@${randomBytes(3).toString("hex")}.example`;
		expect(
			(await api.call("POST /auth/signup", { body: { email, password: PASSWORD } })).status,
		).toBe(201);
		const { handle } = (await api.call("GET /profile")).body.profile;
		expect(handle).not.toMatch(/smartpages|support/);
		expect(handle).toMatch(/^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$/);
	});
});
