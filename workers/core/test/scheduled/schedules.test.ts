/**
 * Core's per-minute cron for scheduled items (src/scheduled.ts `applySchedules`, issue 18) against
 * the real Customer Worker: a published page's future link goes live at its boundary without a
 * publish call, a repeated run changes nothing, and a run long after the boundary catches up.
 */
import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { applySchedules } from "../../src/scheduled";
import { account, call } from "../support/request";

async function home(userId: string) {
	const object = await env.TEST_PAGES.get(r2Keys.manifest(userId));
	const manifest = (await object?.json()) as SiteManifest | undefined;
	const ref = manifest?.pages[""];
	const html = ref ? ((await (await env.TEST_PAGES.get(ref.key))?.text()) ?? "") : "";
	return { key: ref?.key, html, links: Object.keys(ref?.links ?? {}) };
}

describe("the schedules cron", () => {
	it("puts a future link on the published page at its boundary, once, without a publish", async () => {
		const owner = await account("pro");
		const page = await call("POST /pages", { as: owner, body: { title: "Tour" } });
		const id = page.body.page.id;
		const start = Date.now() + 70_000;
		const future = await call("POST /pages/:id/links", {
			as: owner,
			params: { id },
			body: {
				title: "Tickets",
				url: "https://example.com/tickets",
				startsAt: new Date(start).toISOString(),
			},
		});
		expect(future.status).toBe(201);
		expect((await call("POST /pages/:id/publish", { as: owner, params: { id } })).status).toBe(200);
		const before = await home(owner.userId);
		expect(before.html).not.toContain("Tickets");

		await applySchedules(env, start - 1000);
		expect((await home(owner.userId)).key).toBe(before.key);

		await applySchedules(env, start + 30_000);
		const after = await home(owner.userId);
		expect(after.key).not.toBe(before.key);
		expect(after.html).toContain("Tickets");
		expect(after.links).toEqual([future.body.link.id]);

		await applySchedules(env, start + 60_000);
		expect((await home(owner.userId)).key).toBe(after.key);
	});
});
