/**
 * Writes that do not lose work (issue 15.10), against real D1: a patch writes only the fields it
 * sends, so concurrent edits of different fields of one page or link both survive; deleting the
 * home page and promoting the next one is a single transaction; tenant updates carry the user id.
 */

import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { resumeDomainRow, suspendDomainRow } from "../src/domains/store";
import { createLink, listLinks, updateLink } from "../src/links/store";
import { createPage, deletePageRow, findPage, listPages, updatePage } from "../src/pages/store";
import { createUser } from "../src/users/store";

const LIMIT = { max: 10, plan: "pro" };
let userId = "";

async function newPage(title: string): Promise<string> {
	const page = await createPage(env.DB, userId, { title }, LIMIT);
	if (!page.ok) throw new Error(page.message);
	return page.value.id;
}

beforeEach(async () => {
	const created = await createUser(env.DB, {
		email: `writes-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	userId = created.user.id;
});

describe("partial updates", () => {
	it("#15.10 two concurrent PATCHes of different fields of one page both survive", async () => {
		const pageId = await newPage("Links");
		const before = await findPage(env.DB, userId, pageId);
		const [a, b] = await Promise.all([
			updatePage(env.DB, userId, pageId, { title: "New title" }),
			updatePage(env.DB, userId, pageId, { description: "New description" }),
		]);
		expect(a.ok && b.ok).toBe(true);
		const row = await findPage(env.DB, userId, pageId);
		expect(row).toMatchObject({ title: "New title", description: "New description" });
		// Each change marks the page as changed since its last publish.
		expect(row?.revision).toBe((before?.revision ?? 0) + 2);
	});

	it("#15.10 a patch that changes nothing leaves the page's revision alone", async () => {
		const pageId = await newPage("Same");
		const before = await findPage(env.DB, userId, pageId);
		const result = await updatePage(env.DB, userId, pageId, { title: "Same" });
		expect(result.ok && result.value.revision).toBe(before?.revision);
		expect(await updatePage(env.DB, userId, "pg_nope", { title: "x" })).toMatchObject({
			ok: false,
			code: "not_found",
		});
	});

	it("#15.10 a slug another page holds is refused with slug_taken, nothing changed", async () => {
		const first = await newPage("First");
		const second = await newPage("Second");
		const taken = (await findPage(env.DB, userId, first))?.slug ?? "";
		const result = await updatePage(env.DB, userId, second, { slug: taken, title: "Renamed" });
		expect(result).toMatchObject({ ok: false, code: "slug_taken" });
		expect((await findPage(env.DB, userId, second))?.title).toBe("Second");
	});

	it("#15.10 two concurrent PATCHes of different fields of one link both survive", async () => {
		const pageId = await newPage("Links");
		const link = await createLink(
			env.DB,
			userId,
			pageId,
			{ title: "One", url: "https://example.com/1" },
			LIMIT,
		);
		if (!link.ok) throw new Error(link.message);
		const [a, b, c] = await Promise.all([
			updateLink(env.DB, userId, pageId, link.value.id, { title: "Renamed" }),
			updateLink(env.DB, userId, pageId, link.value.id, { url: "https://example.com/new" }),
			updateLink(env.DB, userId, pageId, link.value.id, { enabled: false }),
		]);
		expect(a.ok && b.ok && c.ok).toBe(true);
		const [row] = await listLinks(env.DB, userId, pageId);
		expect(row).toMatchObject({ title: "Renamed", url: "https://example.com/new", enabled: 0 });
		expect(await updateLink(env.DB, userId, pageId, "ln_nope", { title: "x" })).toMatchObject({
			ok: false,
			code: "not_found",
		});
	});
});

describe("deleting the home page", () => {
	it("#15.10 deleting the home page and promoting the next one is one transaction", async () => {
		const home = await newPage("Home");
		const next = await newPage("Next");
		// A storage failure on the promotion (injected by a trigger in the real D1): nothing of the
		// deletion may stay, or the site is left without a home page.
		await env.DB.exec(
			"CREATE TRIGGER fail_promotion BEFORE UPDATE OF is_home ON pages BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END",
		);
		try {
			await expect(deletePageRow(env.DB, userId, home)).rejects.toThrow(/injected/);
		} finally {
			await env.DB.exec("DROP TRIGGER fail_promotion");
		}
		expect((await findPage(env.DB, userId, home))?.is_home).toBe(1);

		const deleted = await deletePageRow(env.DB, userId, home);
		expect(deleted?.id).toBe(home);
		const pages = await listPages(env.DB, userId);
		expect(pages.map((p) => [p.id, p.is_home])).toEqual([[next, 1]]);
	});

	it("#15.10 deleting another page leaves the home page as it is", async () => {
		const home = await newPage("Home");
		const other = await newPage("Other");
		const before = await findPage(env.DB, userId, home);
		expect((await deletePageRow(env.DB, userId, other))?.id).toBe(other);
		expect(await findPage(env.DB, userId, home)).toEqual(before);
		expect(await deletePageRow(env.DB, userId, other)).toBeNull();
	});
});

describe("tenant updates", () => {
	it("#15.10 a domain's suspension is written only for the account that owns it", async () => {
		const now = new Date().toISOString();
		const id = `dom_${crypto.randomUUID().slice(0, 8)}`;
		await env.DB.prepare(
			"INSERT INTO domains (id, user_id, hostname, status, txt_token, created_at) VALUES (?, ?, ?, 'active', 't', ?)",
		)
			.bind(id, userId, `${id}.example.com`, now)
			.run();
		const other = await createUser(env.DB, {
			email: `writes-other-${crypto.randomUUID()}@example.com`,
			passwordHash: "x",
			locale: "en",
		});
		const suspended = async () =>
			(
				await env.DB.prepare("SELECT suspended FROM domains WHERE id = ?")
					.bind(id)
					.first<{ suspended: number }>()
			)?.suspended;
		await suspendDomainRow(env.DB, other.user.id, id, now);
		expect(await suspended()).toBe(0);
		await suspendDomainRow(env.DB, userId, id, now);
		expect(await suspended()).toBe(1);
		expect(await resumeDomainRow(env.DB, other.user.id, id, now, "back")).toBeNull();
		expect(await suspended()).toBe(1);
	});
});
