/**
 * Version history end to end in workerd (Core → Customer → D1/R2) for a Pro account: publish
 * twice, restore the first version, and the manifest serves it again.
 */

import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { appClient } from "./support/app-client";

describe("version history on Pro", () => {
	it("restores an earlier version", async () => {
		const call = appClient();
		const email = `pro-${crypto.randomUUID()}@example.com`;
		const signup = await call<{ user: { id: string } }>("POST", "/auth/signup", {
			email,
			password: "pro plan passphrase",
		});
		const userId = signup.body.user.id;
		await env.TEST_DB.prepare(
			"UPDATE users SET email_verified_at = ?, plan_id = 'pro', plan_status = 'active' WHERE id = ?",
		)
			.bind(new Date().toISOString(), userId)
			.run();
		const page = await call<{ page: { id: string } }>("POST", "/pages", { title: "Versions" });
		const id = page.body.page.id;
		await call("POST", `/pages/${id}/links`, { title: "First", url: "https://example.com/1" });
		expect((await call("POST", `/pages/${id}/publish`)).status).toBe(200);
		await call("PATCH", `/pages/${id}`, { title: "Second title" });
		expect((await call<{ version: number }>("POST", `/pages/${id}/publish`)).body.version).toBe(2);

		const versions = await call<{ versions: { version: number }[] }>(
			"GET",
			`/pages/${id}/versions`,
		);
		expect(versions.body.versions.map((v) => v.version)).toEqual([2, 1]);

		const restored = await call<{
			version: number;
			page: { publishedVersion: number; hasUnpublishedChanges: boolean };
		}>("POST", `/pages/${id}/versions/1/restore`);
		expect(restored.status).toBe(200);
		expect(restored.body.page.publishedVersion).toBe(1);
		expect(restored.body.page.hasUnpublishedChanges).toBe(true);
		const manifest = (await (
			await env.TEST_PAGES.get(r2Keys.manifest(userId))
		)?.json()) as SiteManifest;
		expect(manifest.pages[""]?.version).toBe(1);
		expect((await call("POST", `/pages/${id}/versions/9/restore`)).status).toBe(404);
	});
});
