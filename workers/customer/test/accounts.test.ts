/**
 * Accounts through the Customer Worker's RPC surface (the one Core uses): creation with a
 * handle, duplicate addresses, export, and deletion that leaves nothing in D1 or R2.
 */

import { env, exports } from "cloudflare:workers";
import { r2Keys } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";

const customer = exports.CustomerService;
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";

describe("createUser", () => {
	it("creates the user and a profile with a handle derived from the address", async () => {
		const email = `anna.maria-${crypto.randomUUID().slice(0, 8)}@example.com`;
		const result = await customer.createUser({ email, passwordHash: HASH, locale: "de" });
		expect(result.created).toBe(true);
		const profile = await customer.getProfile(result.user.id);
		expect(profile.ok && profile.value.handle).toMatch(/^anna-maria-[0-9a-z-]+$/);
	});

	it("does not create a second account for a registered address", async () => {
		const email = `dup-${crypto.randomUUID()}@example.com`;
		const first = await customer.createUser({ email, passwordHash: HASH, locale: "en" });
		const second = await customer.createUser({ email, passwordHash: "other", locale: "de" });
		expect(second.created).toBe(false);
		expect(second.user.id).toBe(first.user.id);
		const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE email = ?")
			.bind(email)
			.first<{ n: number }>();
		expect(rows?.n).toBe(1);
	});

	it("gives reserved or short local parts a usable handle", async () => {
		for (const local of ["admin", "x", "www"]) {
			const result = await customer.createUser({
				email: `${local}@${crypto.randomUUID().slice(0, 8)}.example.com`,
				passwordHash: HASH,
				locale: "en",
			});
			const profile = await customer.getProfile(result.user.id);
			expect(profile.ok && profile.value.handle).toMatch(/^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$/);
			expect(profile.ok && ["admin", "www", "x"].includes(profile.value.handle)).toBe(false);
		}
	});
});

describe("deleteAccount", () => {
	it("removes every row and every published object of the account, and nothing of others", async () => {
		const mk = async (tag: string) =>
			(
				await customer.createUser({
					email: `${tag}-${crypto.randomUUID()}@example.com`,
					passwordHash: HASH,
					locale: "en",
				})
			).user.id;
		const userId = await mk("leaving");
		const otherId = await mk("staying");
		await env.DB.prepare(
			"UPDATE users SET email_verified_at = '2026-01-01T00:00:00Z' WHERE id IN (?, ?)",
		)
			.bind(userId, otherId)
			.run();
		for (const id of [userId, otherId]) {
			const page = await customer.createPage(id, { title: "Links" }, { max: 1, plan: "free" });
			if (!page.ok) throw new Error(page.message);
			await customer.createLink(
				id,
				page.value.id,
				{ title: "A", url: "https://example.com/" },
				{ max: 15, plan: "free" },
			);
			const published = await customer.publishPage(id, page.value.id, {
				keepVersions: 1,
			});
			expect(published.ok).toBe(true);
		}
		const handle = (await customer.getProfile(userId)).ok;
		expect(handle).toBe(true);
		expect(
			(await env.PAGES.list({ prefix: r2Keys.sitePrefix(userId) })).objects.length,
		).toBeGreaterThan(0);

		const deleted = await customer.deleteAccount(userId);
		expect(deleted.ok).toBe(true);
		for (const table of [
			"users",
			"profiles",
			"pages",
			"links",
			"page_versions",
			"tokens",
			"assets",
		]) {
			const column = table === "users" ? "id" : "user_id";
			const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`)
				.bind(userId)
				.first<{ n: number }>();
			expect(row?.n, table).toBe(0);
		}
		expect((await env.PAGES.list({ prefix: r2Keys.sitePrefix(userId) })).objects).toHaveLength(0);
		const hosts = await env.PAGES.list({ prefix: "hosts/" });
		for (const object of hosts.objects) {
			const mapping = (await (await env.PAGES.get(object.key))?.json()) as { siteId: string };
			expect(mapping.siteId).not.toBe(userId);
		}
		expect(
			(await env.PAGES.list({ prefix: r2Keys.sitePrefix(otherId) })).objects.length,
		).toBeGreaterThan(0);
	});
});
