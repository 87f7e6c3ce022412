/**
 * Accounts through the Customer Worker's RPC surface (the one Core uses): creation with a
 * handle, duplicate addresses, export, and deletion that leaves nothing in D1 or R2.
 */

import { env, exports } from "cloudflare:workers";
import { handleSchema, r2Keys } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { updateProfile } from "../src/profile/update";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-accounts" };

const customer = exports.CustomerService;
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";

describe("createUser", () => {
	it("creates the user and a profile with a handle derived from the address", async () => {
		const email = `anna.maria-${crypto.randomUUID().slice(0, 8)}@example.com`;
		const result = await customer.createUser(ctx, { email, passwordHash: HASH, locale: "de" });
		expect(result.created).toBe(true);
		const profile = await customer.getProfile(ctx, result.user.id);
		expect(profile.ok && profile.value.handle).toMatch(/^anna-maria-[0-9a-z-]+$/);
	});

	it("does not create a second account for a registered address", async () => {
		const email = `dup-${crypto.randomUUID()}@example.com`;
		const first = await customer.createUser(ctx, { email, passwordHash: HASH, locale: "en" });
		const second = await customer.createUser(ctx, { email, passwordHash: "other", locale: "de" });
		expect(second.created).toBe(false);
		expect(second.user.id).toBe(first.user.id);
		const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE email = ?")
			.bind(email)
			.first<{ n: number }>();
		expect(rows?.n).toBe(1);
	});

	it("#14.14 never gives an address a look-alike or impersonating handle", async () => {
		for (const local of [
			"smartpages",
			"smartpages.support",
			"official",
			"xn--80ak6aa92e",
			"ab--cd",
		]) {
			const result = await customer.createUser(ctx, {
				email: `${local}@${crypto.randomUUID().slice(0, 8)}.example.com`,
				passwordHash: HASH,
				locale: "en",
			});
			const profile = await customer.getProfile(ctx, result.user.id);
			const handle = profile.ok ? profile.value.handle : "";
			expect(handleSchema.safeParse(handle).success, `${local} → ${handle}`).toBe(true);
		}
	});

	it("gives reserved or short local parts a usable handle", async () => {
		for (const local of ["admin", "x", "www"]) {
			const result = await customer.createUser(ctx, {
				email: `${local}@${crypto.randomUUID().slice(0, 8)}.example.com`,
				passwordHash: HASH,
				locale: "en",
			});
			const profile = await customer.getProfile(ctx, result.user.id);
			expect(profile.ok && profile.value.handle).toMatch(/^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$/);
			expect(profile.ok && ["admin", "www", "x"].includes(profile.value.handle)).toBe(false);
		}
	});
});

describe("deleteAccount", () => {
	it("#14.2 removes every host mapping the account ever wrote, also one an interrupted handle change left", async () => {
		const created = await customer.createUser(ctx, {
			email: `leaver-${crypto.randomUUID()}@example.com`,
			passwordHash: HASH,
			locale: "en",
		});
		const userId = created.user.id;
		const page = await customer.createPage(
			ctx,
			userId,
			{ title: "Links" },
			{ max: 1, plan: "free" },
		);
		if (!page.ok) throw new Error(page.message);
		expect((await customer.publishPage(ctx, userId, page.value.id, { keepVersions: 1 })).ok).toBe(
			true,
		);
		const profile = await customer.getProfile(ctx, userId);
		if (!profile.ok) throw new Error(profile.message);
		const before = profile.value.handle;
		const after = `moved-${crypto.randomUUID().slice(0, 8)}`;
		// The handle change stops after the new mapping (R2 refuses to delete host mappings).
		const refusingDeletes = new Proxy(env.PAGES, {
			get(target, prop, receiver) {
				if (prop === "delete") return () => Promise.reject(new Error("injected R2 failure"));
				const value = Reflect.get(target, prop, receiver);
				return typeof value === "function" ? value.bind(target) : value;
			},
		});
		await expect(
			updateProfile(env.DB, refusingDeletes, env.PAGES_DOMAIN, userId, { handle: after }),
		).rejects.toThrow(/injected/);
		const keys = [before, after].map((h) => r2Keys.host(`${h}.${env.PAGES_DOMAIN}`));
		for (const key of keys) expect(await env.PAGES.head(key), key).not.toBeNull();

		expect((await customer.deleteAccount(ctx, userId)).ok).toBe(true);
		for (const key of keys) expect(await env.PAGES.head(key), key).toBeNull();
	});

	it("leaves a mapping alone that another account holds now", async () => {
		const mk = async (tag: string) => {
			const id = (
				await customer.createUser(ctx, {
					email: `${tag}-${crypto.randomUUID()}@example.com`,
					passwordHash: HASH,
					locale: "en",
				})
			).user.id;
			const page = await customer.createPage(ctx, id, { title: "Links" }, { max: 1, plan: "free" });
			if (!page.ok) throw new Error(page.message);
			expect((await customer.publishPage(ctx, id, page.value.id, { keepVersions: 1 })).ok).toBe(
				true,
			);
			return id;
		};
		const leaver = await mk("leaver");
		const profile = await customer.getProfile(ctx, leaver);
		if (!profile.ok) throw new Error(profile.message);
		const given = profile.value.handle;
		expect(
			(
				await customer.updateProfile(ctx, leaver, {
					handle: `gone-${crypto.randomUUID().slice(0, 8)}`,
				})
			).ok,
		).toBe(true);
		const heir = await mk("heir");
		expect((await customer.updateProfile(ctx, heir, { handle: given })).ok).toBe(true);
		expect((await customer.deleteAccount(ctx, leaver)).ok).toBe(true);
		const mapping = await (
			await env.PAGES.get(r2Keys.host(`${given}.${env.PAGES_DOMAIN}`))
		)?.json();
		expect(mapping).toEqual({ siteId: heir, kind: "subdomain" });
	});

	it("removes every row and every published object of the account, and nothing of others", async () => {
		const mk = async (tag: string) =>
			(
				await customer.createUser(ctx, {
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
			const page = await customer.createPage(ctx, id, { title: "Links" }, { max: 1, plan: "free" });
			if (!page.ok) throw new Error(page.message);
			await customer.createLink(
				ctx,
				id,
				page.value.id,
				{ title: "A", url: "https://example.com/" },
				{ max: 15, plan: "free" },
			);
			const published = await customer.publishPage(ctx, id, page.value.id, {
				keepVersions: 1,
			});
			expect(published.ok).toBe(true);
		}
		const handle = (await customer.getProfile(ctx, userId)).ok;
		expect(handle).toBe(true);
		expect(
			(await env.PAGES.list({ prefix: r2Keys.sitePrefix(userId) })).objects.length,
		).toBeGreaterThan(0);

		const deleted = await customer.deleteAccount(ctx, userId);
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
