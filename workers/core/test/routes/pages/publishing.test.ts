/**
 * Publishing, unpublishing and version history (src/routes/pages/publishing.ts), end to end in
 * workerd (Core → Customer → D1/R2): a Pro account publishes twice, restores the first version,
 * and the manifest serves it again. Publish and restore answer the plan stored in D1 now — not
 * Core's cached plan — with `402 plan_limit_reached` / `plan_required` and the limit, and
 * nothing goes online (issue 14.5).
 */
import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { account, call, raw } from "../../support/request";

async function manifest(userId: string): Promise<SiteManifest | undefined> {
	return (await (await env.TEST_PAGES.get(r2Keys.manifest(userId)))?.json()) as
		| SiteManifest
		| undefined;
}

/** A verified Pro account (plan set in D1, as a webhook would) with two published pages. */
async function proWithTwoPages() {
	const owner = await account("free", {
		email: `limits-${crypto.randomUUID()}@example.com`,
		password: "plan limits passphrase",
	});
	await setPlan(owner.userId, "pro", "active");
	const ids: string[] = [];
	for (const title of ["Home", "Shop"]) {
		const page = await call("POST /pages", {
			as: owner,
			body: { title },
		});
		expect(page.status).toBe(201);
		const id = page.body.page.id;
		ids.push(id);
		await call("POST /pages/:id/links", {
			as: owner,
			params: { id },
			body: { title: "A link", url: "https://example.com/" },
		});
		expect((await call("POST /pages/:id/publish", { as: owner, params: { id } })).status).toBe(200);
	}
	return { owner, userId: owner.userId, home: ids[0] ?? "", shop: ids[1] ?? "" };
}

/** The stored plan changes in D1 only: Core's cached plan (KV, up to a minute) still says Pro. */
async function setPlan(userId: string, plan: "free" | "pro", status: string) {
	await env.TEST_DB.prepare(
		"UPDATE users SET plan_id = ?, plan_status = ?, plan_revision = plan_revision + 1 WHERE id = ?",
	)
		.bind(plan, status, userId)
		.run();
}

describe("happy", () => {
	describe("version history on Pro", () => {
		it("#19.8 says per version how many items it published and which were added or removed", async () => {
			const owner = await account("pro");
			const page = await call("POST /pages", { as: owner, body: { title: "Changes" } });
			const params = { id: page.body.page.id };
			const add = async (title: string) =>
				(
					await call("POST /pages/:id/links", {
						as: owner,
						params,
						body: { title, url: `https://example.com/${title}` },
					})
				).body.link.id;
			await add("Shop");
			const blog = await add("Blog");
			await call("POST /pages/:id/publish", { as: owner, params });
			await call("DELETE /pages/:id/links/:linkId", {
				as: owner,
				params: { ...params, linkId: blog },
			});
			await add("Tour");
			await add("Merch");
			await call("POST /pages/:id/publish", { as: owner, params });

			const versions = (await call("GET /pages/:id/versions", { as: owner, params })).body.versions;
			expect(versions).toEqual([
				{
					version: 2,
					publishedAt: expect.any(String),
					items: 3,
					changes: { added: ["Tour", "Merch"], removed: ["Blog"] },
				},
				// The first version has nothing before it to compare with.
				{ version: 1, publishedAt: expect.any(String), items: 2 },
			]);

			// Each version can be looked at: version 1 still shows "Blog", with direct hrefs, sandboxed.
			const preview = await raw("GET", `/pages/${params.id}/versions/1/preview`, { as: owner });
			expect(preview.status).toBe(200);
			expect(preview.headers.get("Content-Security-Policy")).toMatch(/^sandbox;/);
			expect(preview.text).toContain("Blog");
			expect(preview.text).toContain('href="https://example.com/Blog"');
			expect(preview.text).not.toContain("Merch");
			const latest = await raw("GET", `/pages/${params.id}/versions/2/preview`, { as: owner });
			expect(latest.text).toContain("Merch");
			// Unknown versions and other accounts' pages are not found.
			for (const path of ["versions/3/preview", "versions/0/preview", "versions/x/preview"]) {
				expect((await raw("GET", `/pages/${params.id}/${path}`, { as: owner })).status, path).toBe(
					404,
				);
			}
			const stranger = await account("pro");
			const foreign = await raw("GET", `/pages/${params.id}/versions/1/preview`, { as: stranger });
			expect(foreign.status).toBe(404);
		});

		it("restores an earlier version", async () => {
			const owner = await account("pro", {
				email: `pro-${crypto.randomUUID()}@example.com`,
				password: "pro plan passphrase",
			});
			const page = await call("POST /pages", {
				as: owner,
				body: { title: "Versions" },
			});
			const params = { id: page.body.page.id };
			await call("POST /pages/:id/links", {
				as: owner,
				params,
				body: { title: "First", url: "https://example.com/1" },
			});
			expect((await call("POST /pages/:id/publish", { as: owner, params })).status).toBe(200);
			await call("PATCH /pages/:id", { as: owner, params, body: { title: "Second title" } });
			expect((await call("POST /pages/:id/publish", { as: owner, params })).body.version).toBe(2);

			const versions = await call("GET /pages/:id/versions", {
				as: owner,
				params,
			});
			expect(versions.body.versions.map((v) => v.version)).toEqual([2, 1]);

			const restored = await call("POST /pages/:id/versions/:version/restore", {
				as: owner,
				params: { ...params, version: 1 },
			});
			expect(restored.status).toBe(200);
			expect(restored.body.page.publishedVersion).toBe(1);
			expect(restored.body.page.hasUnpublishedChanges).toBe(true);
			expect((await manifest(owner.userId))?.pages[""]?.version).toBe(1);
			expect(
				(
					await call("POST /pages/:id/versions/:version/restore", {
						as: owner,
						params: { ...params, version: 9 },
					})
				).status,
			).toBe(404);
		});
	});
});

describe("security", () => {
	it("publishing is limited to 30 a minute per account: then 429 with Retry-After, nothing published", async () => {
		const owner = await account("free");
		const page = await call("POST /pages", { as: owner, body: { title: "Busy" } });
		const params = { id: page.body.page.id };
		// WRITE_LIMITER's limit in wrangler.jsonc; publish, unpublish and restore share it.
		for (let i = 0; i < 15; i++) {
			expect((await call("POST /pages/:id/publish", { as: owner, params })).status).toBe(200);
			expect((await call("POST /pages/:id/unpublish", { as: owner, params })).status).toBe(200);
		}
		const before = await manifest(owner.userId);
		const refused = await call("POST /pages/:id/publish", { as: owner, params });
		expect(refused.status).toBe(429);
		expect(refused.error?.code).toBe("rate_limited");
		expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
		expect(await manifest(owner.userId)).toEqual(before);
		// Another account is not affected.
		const other = await account("free");
		const otherPage = await call("POST /pages", { as: other, body: { title: "Calm" } });
		const published = await call("POST /pages/:id/publish", {
			as: other,
			params: { id: otherPage.body.page.id },
		});
		expect(published.status).toBe(200);
	});

	describe("#14.5 publish-time plan check", () => {
		it("#14.5 publishing a second page on Free is 402 plan_limit_reached with the limit", async () => {
			const { owner, userId, home, shop } = await proWithTwoPages();
			await setPlan(userId, "free", "canceled");
			// The downgrade left both pages live here (no webhook ran): neither may be re-published
			// while the other is live, and unpublishing one frees the slot.
			const refused = await call("POST /pages/:id/publish", {
				as: owner,
				params: { id: shop },
			});
			expect(refused.status).toBe(402);
			expect(refused.error).toMatchObject({
				code: "plan_limit_reached",
				limit: { name: "maxPages", max: 1, plan: "free" },
			});
			const versions = await call("GET /pages/:id/versions", {
				as: owner,
				params: { id: shop },
			});
			expect(versions.body.versions).toHaveLength(1);
			expect(
				(await call("POST /pages/:id/unpublish", { as: owner, params: { id: home } })).status,
			).toBe(200);
			expect(
				(await call("POST /pages/:id/publish", { as: owner, params: { id: shop } })).status,
			).toBe(200);
			expect(Object.keys((await manifest(userId))?.pages ?? {})).toEqual(["shop"]);
		});

		it("#14.5 restore asks the plan in D1, not Core's cache: 402 plan_required after a downgrade", async () => {
			const { owner, userId, home } = await proWithTwoPages();
			expect(
				(await call("POST /pages/:id/publish", { as: owner, params: { id: home } })).status,
			).toBe(200);
			await setPlan(userId, "free", "canceled");
			const restored = await call("POST /pages/:id/versions/:version/restore", {
				as: owner,
				params: { id: home, version: 1 },
			});
			expect(restored.status).toBe(402);
			expect(restored.error).toMatchObject({
				code: "plan_required",
				limit: { name: "versionHistory", max: 0, plan: "free" },
			});
			expect((await manifest(userId))?.pages[""]?.version).toBe(2);
		});
	});
});
