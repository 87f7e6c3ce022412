/**
 * Plan limits at publish time end to end in workerd (Core → Customer → D1/R2, issue 14 item 5):
 * publish and restore answer the plan stored in D1 now — not Core's cached plan — with
 * `402 plan_limit_reached` / `plan_required` and the limit, and nothing goes online.
 */

import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { appClient } from "./support/app-client";

type ErrorBody = { error: { code: string; limit?: { name: string; max: number; plan: string } } };

/** A verified Pro account (plan set in D1, as a webhook would) with two published pages. */
async function proWithTwoPages() {
	const call = appClient();
	const signup = await call<{ user: { id: string } }>("POST", "/auth/signup", {
		email: `limits-${crypto.randomUUID()}@example.com`,
		password: "plan limits passphrase",
	});
	const userId = signup.body.user.id;
	await setPlan(userId, "pro", "active");
	await env.TEST_DB.prepare("UPDATE users SET email_verified_at = ? WHERE id = ?")
		.bind(new Date().toISOString(), userId)
		.run();
	const ids: string[] = [];
	for (const title of ["Home", "Shop"]) {
		const page = await call<{ page: { id: string } }>("POST", "/pages", { title });
		expect(page.status).toBe(201);
		ids.push(page.body.page.id);
		await call("POST", `/pages/${page.body.page.id}/links`, {
			title: "A link",
			url: "https://example.com/",
		});
		expect((await call("POST", `/pages/${page.body.page.id}/publish`)).status).toBe(200);
	}
	return { call, userId, home: ids[0] ?? "", shop: ids[1] ?? "" };
}

/** The stored plan changes in D1 only: Core's cached plan (KV, up to a minute) still says Pro. */
async function setPlan(userId: string, plan: "free" | "pro", status: string) {
	await env.TEST_DB.prepare(
		"UPDATE users SET plan_id = ?, plan_status = ?, plan_revision = plan_revision + 1 WHERE id = ?",
	)
		.bind(plan, status, userId)
		.run();
}

async function manifest(userId: string): Promise<SiteManifest | undefined> {
	return (await (await env.TEST_PAGES.get(r2Keys.manifest(userId)))?.json()) as
		| SiteManifest
		| undefined;
}

describe("#14.5 publish-time plan check", () => {
	it("#14.5 publishing a second page on Free is 402 plan_limit_reached with the limit", async () => {
		const { call, userId, home, shop } = await proWithTwoPages();
		await setPlan(userId, "free", "canceled");
		// The downgrade left both pages live here (no webhook ran): neither may be re-published
		// while the other is live, and unpublishing one frees the slot.
		const refused = await call<ErrorBody>("POST", `/pages/${shop}/publish`);
		expect(refused.status).toBe(402);
		expect(refused.body.error).toMatchObject({
			code: "plan_limit_reached",
			limit: { name: "maxPages", max: 1, plan: "free" },
		});
		const versions = await call<{ versions: unknown[] }>("GET", `/pages/${shop}/versions`);
		expect(versions.body.versions).toHaveLength(1);
		expect((await call("POST", `/pages/${home}/unpublish`)).status).toBe(200);
		expect((await call("POST", `/pages/${shop}/publish`)).status).toBe(200);
		expect(Object.keys((await manifest(userId))?.pages ?? {})).toEqual(["shop"]);
	});

	it("#14.5 restore asks the plan in D1, not Core's cache: 402 plan_required after a downgrade", async () => {
		const { call, userId, home } = await proWithTwoPages();
		expect((await call("POST", `/pages/${home}/publish`)).status).toBe(200);
		await setPlan(userId, "free", "canceled");
		const restored = await call<ErrorBody>("POST", `/pages/${home}/versions/1/restore`);
		expect(restored.status).toBe(402);
		expect(restored.body.error).toMatchObject({
			code: "plan_required",
			limit: { name: "versionHistory", max: 0, plan: "free" },
		});
		expect((await manifest(userId))?.pages[""]?.version).toBe(2);
	});
});
