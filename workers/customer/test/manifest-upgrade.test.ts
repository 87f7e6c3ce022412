/**
 * Manifests written before they listed their assets (issue 14.12) are brought up to date by the
 * cron's walk over every account, so an avatar published under the old format is served again
 * without its owner publishing; current manifests and accounts that never published stay as they
 * are.
 */

import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { setAvatar } from "../src/profile/avatar";
import { upgradeManifests } from "../src/publish/upgrade";
import { createUser } from "../src/users/store";
import { testSite } from "./support/site";

const site = testSite();

// A real 3×2 PNG.
const PNG = Uint8Array.from(
	atob(
		"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
	),
	(c) => c.charCodeAt(0),
);

async function account(): Promise<string> {
	const created = await createUser(env.DB, {
		email: `upgrade-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	return created.user.id;
}

async function manifest(userId: string): Promise<Partial<SiteManifest> | null> {
	const object = await env.PAGES.get(r2Keys.manifest(userId));
	return object ? ((await object.json()) as Partial<SiteManifest>) : null;
}

/** Walks every account as the cron does, in batches of `limit`. */
async function walk(limit: number): Promise<number> {
	let cursor = "";
	let rewritten = 0;
	for (;;) {
		const batch = await upgradeManifests(site, cursor, limit);
		rewritten += batch.rewritten;
		if (batch.next === null) return rewritten;
		cursor = batch.next;
	}
}

describe("manifest upgrade", () => {
	it("#14.12 a manifest without an asset list gets one naming the current avatar", async () => {
		const userId = await account();
		const stored = await setAvatar(site, userId, PNG);
		expect(stored.ok).toBe(true);
		const current = await manifest(userId);
		const avatar = current?.assets?.[0];
		expect(avatar).toMatch(/^[0-9a-f]{64}\.png$/);
		// As an older release wrote it: everything but the list.
		const { assets: _dropped, ...legacy } = current ?? {};
		await env.PAGES.put(r2Keys.manifest(userId), JSON.stringify(legacy));

		expect(await walk(2)).toBeGreaterThanOrEqual(1);
		expect((await manifest(userId))?.assets).toEqual([avatar]);
	});

	it("leaves current manifests and never-published accounts alone", async () => {
		const published = await account();
		await setAvatar(site, published, PNG);
		const before = await env.PAGES.get(r2Keys.manifest(published));
		const never = await account();

		await walk(50);

		const after = await env.PAGES.get(r2Keys.manifest(published));
		expect(after?.etag).toBe(before?.etag);
		expect(await manifest(never)).toBeNull();
	});
});
