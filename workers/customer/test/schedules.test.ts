/**
 * Scheduled items against real D1 and R2 (issue 18, publish/schedules.ts): which published pages
 * are due, the re-render of what was PUBLISHED (never the draft) at each boundary under a new key
 * of the same version, idempotence of repeated runs, catching up on a missed boundary, and
 * versions no longer published dropping out of the due range. The clock is the `now` argument.
 */
import { env } from "cloudflare:workers";
import { type CreateLinkBody, r2Keys, type SiteManifest } from "@smartpages/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { createLink, type LinkRow, updateLink } from "../src/links/store";
import { createPage } from "../src/pages/store";
import { publishPage, restoreVersion, unpublishPage } from "../src/publish/publish";
import { applySchedule, dueSchedules } from "../src/publish/schedules";
import { createUser } from "../src/users/store";
import { testSite } from "./support/site";

const site = testSite();
const options = { keepVersions: 3 };
const limit = { max: 20, plan: "pro" };

let userId = "";
let pageId = "";
let T = 0;
const iso = (offsetMs: number) => new Date(T + offsetMs).toISOString();
const ids: Record<string, string> = {};

async function add(name: string, body: CreateLinkBody): Promise<LinkRow> {
	const created = await createLink(env.DB, userId, pageId, body, limit);
	if (!created.ok) throw new Error(created.message);
	ids[name] = created.value.id;
	return created.value;
}

async function manifest(): Promise<SiteManifest> {
	const object = await env.PAGES.get(r2Keys.manifest(userId));
	return JSON.parse((await object?.text()) ?? "{}") as SiteManifest;
}

async function published(): Promise<{
	html: string;
	key: string;
	version: number;
	links: string[];
}> {
	const ref = (await manifest()).pages[""];
	if (!ref) throw new Error("not published");
	const html = (await (await env.PAGES.get(ref.key))?.text()) ?? "";
	return { html, key: ref.key, version: ref.version, links: Object.keys(ref.links ?? {}) };
}

const due = async (now: number) =>
	(await dueSchedules(env.DB, now, 1000)).filter((d) => d.pageId === pageId);

beforeEach(async () => {
	const created = await createUser(env.DB, {
		email: `schedules-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	userId = created.user.id;
	const page = await createPage(env.DB, userId, { title: "Tour" }, { max: 5, plan: "pro" });
	if (!page.ok) throw new Error(page.message);
	pageId = page.value.id;
	T = Date.now();
	await add("header", { kind: "header", title: "On tour" });
	await add("hot", { title: "New album", url: "https://example.com/album", highlight: true });
	await add("expired", {
		title: "Presale",
		url: "https://example.com/presale",
		endsAt: iso(-60_000),
	});
	await add("future", {
		title: "Tickets",
		url: "https://example.com/tickets",
		startsAt: iso(70_000),
		endsAt: iso(130_000),
	});
	const result = await publishPage(site, userId, pageId, options);
	if (!result.ok) throw new Error(result.message);
});

describe("scheduled items", () => {
	it("publishes only what is inside its window and records the next boundary", async () => {
		const page = await published();
		expect(page.html).toContain('<h2 class="section">On tour</h2>');
		expect(page.html).toContain('class="hl">New album</a>');
		expect(page.html).not.toContain("Presale");
		expect(page.html).not.toContain("Tickets");
		expect(page.links.sort()).toEqual([ids.hot].sort());
		const row = await env.DB.prepare(
			"SELECT next_boundary_at FROM page_versions WHERE page_id = ? AND user_id = ?",
		)
			.bind(pageId, userId)
			.first<{ next_boundary_at: string }>();
		expect(row?.next_boundary_at).toBe(iso(70_000));
		expect(await due(T + 69_999)).toEqual([]);
		expect(await due(T + 70_000)).toEqual([{ userId, pageId }]);
	});

	it("re-renders the published input (not the draft) at the boundary, once, under a new key of the same version", async () => {
		const before = await published();
		// Draft edits after publishing must not go live with the schedule.
		await updateLink(env.DB, userId, pageId, ids.future ?? "", { title: "Draft title" });
		await add("draft", { title: "Unpublished", url: "https://example.com/draft" });

		expect((await applySchedule(site, userId, pageId, T + 10_000)).ok).toBe(true);
		expect((await published()).key).toBe(before.key); // not due yet: nothing written

		const applied = await applySchedule(site, userId, pageId, T + 71_000);
		expect(applied).toEqual({ ok: true, value: { rendered: true } });
		const after = await published();
		expect(after.version).toBe(before.version);
		expect(after.key).not.toBe(before.key);
		expect(after.html).toContain("Tickets");
		expect(after.html).not.toContain("Draft title");
		expect(after.html).not.toContain("Unpublished");
		expect(after.links.sort()).toEqual([ids.hot, ids.future].sort());
		// The replaced objects are gone; the new ones carry the input for the next boundary.
		expect(await env.PAGES.head(before.key)).toBeNull();
		expect(await env.PAGES.head(r2Keys.pageSource(after.key))).not.toBeNull();

		// Idempotent: the same run again, and a run with nothing due, change nothing.
		expect(await applySchedule(site, userId, pageId, T + 71_000)).toEqual({
			ok: true,
			value: { rendered: false },
		});
		expect((await published()).key).toBe(after.key);
		expect(await due(T + 71_000)).toEqual([]);
		expect(await due(T + 130_000)).toEqual([{ userId, pageId }]);
	});

	it("catches up on boundaries missed while no run happened", async () => {
		// The run at 70 s was missed: the one at 100 s still opens the window.
		expect(await applySchedule(site, userId, pageId, T + 100_000)).toEqual({
			ok: true,
			value: { rendered: true },
		});
		expect((await published()).html).toContain("Tickets");
		// Runs at 130 s and later were missed too: the window is closed again on the next one.
		expect(await applySchedule(site, userId, pageId, T + 500_000)).toEqual({
			ok: true,
			value: { rendered: true },
		});
		const page = await published();
		expect(page.html).not.toContain("Tickets");
		expect(page.links).toEqual([ids.hot]);
		expect(await due(T + 10_000_000)).toEqual([]);
	});

	it("only moves the boundary when a late run renders the same bytes (both boundaries passed)", async () => {
		const before = await published();
		expect(await applySchedule(site, userId, pageId, T + 200_000)).toEqual({
			ok: true,
			value: { rendered: false },
		});
		expect((await published()).key).toBe(before.key);
		expect(await due(T + 10_000_000)).toEqual([]);
	});

	it("drops a version that is no longer published from the due range", async () => {
		expect((await unpublishPage(site, userId, pageId)).ok).toBe(true);
		expect(await due(T + 70_000)).toEqual([]);
		const row = await env.DB.prepare(
			"SELECT next_boundary_at FROM page_versions WHERE page_id = ? AND user_id = ?",
		)
			.bind(pageId, userId)
			.first<{ next_boundary_at: string | null }>();
		expect(row?.next_boundary_at).toBeNull();
		expect(await applySchedule(site, userId, pageId, T + 70_000)).toEqual({
			ok: true,
			value: { rendered: false },
		});
	});
	it("brings a restored version up to now with the next run, and keeps its own schedule", async () => {
		await env.DB.prepare("UPDATE users SET plan_id = 'pro', plan_status = 'active' WHERE id = ?")
			.bind(userId)
			.run();
		// Version 2 without the tickets link's schedule; version 1 (with it) restored.
		await updateLink(env.DB, userId, pageId, ids.future ?? "", { startsAt: null, endsAt: null });
		expect((await publishPage(site, userId, pageId, options)).ok).toBe(true);
		expect((await published()).html).toContain("Tickets");
		expect((await restoreVersion(site, userId, pageId, 1)).ok).toBe(true);
		const restored = await published();
		expect(restored.version).toBe(1);
		expect(restored.html).not.toContain("Tickets");
		// Due at once (rendered for its publish time); same bytes now, so only its boundary moves.
		expect(await due(T + 10_000)).toEqual([{ userId, pageId }]);
		expect(await applySchedule(site, userId, pageId, T + 10_000)).toEqual({
			ok: true,
			value: { rendered: false },
		});
		expect(await due(T + 10_000)).toEqual([]);
		expect(await applySchedule(site, userId, pageId, T + 75_000)).toEqual({
			ok: true,
			value: { rendered: true },
		});
		const live = await published();
		expect(live.version).toBe(1);
		expect(live.html).toContain("Tickets");
	});
});
