/**
 * Issue 19 item 7 (new-user pass M5): once a custom domain is active, a page's `publishedUrl` —
 * the address the dashboard shows, copies and encodes in its QR code — is on that domain, as the
 * page's canonical URL is; before, and after the domain is gone, it is the subdomain.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createLink } from "../src/links/store";
import { getPage, listPages } from "../src/pages/pages";
import { createPage } from "../src/pages/store";
import { publishPage, unpublishPage } from "../src/publish/publish";
import { createUser } from "../src/users/store";
import { testSite } from "./support/site";

const options = { keepVersions: 3 };

async function publishedAccount() {
	const created = await createUser(env.DB, {
		email: `address-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "de",
	});
	const userId = created.user.id;
	const page = await createPage(env.DB, userId, { title: "Links" }, { max: 5, plan: "pro" });
	if (!page.ok) throw new Error(page.message);
	await createLink(
		env.DB,
		userId,
		page.value.id,
		{ title: "One", url: "https://example.com/1" },
		{ max: 10, plan: "pro" },
	);
	return { userId, pageId: page.value.id };
}

async function activateDomain(userId: string): Promise<string> {
	const hostname = `addr-${crypto.randomUUID().slice(0, 8)}.example`;
	await env.DB.prepare(
		"INSERT INTO domains (id, user_id, hostname, status, txt_token, created_at) VALUES (?, ?, ?, 'active', 'tok', ?)",
	)
		.bind(`dom_${crypto.randomUUID().slice(0, 20)}`, userId, hostname, new Date().toISOString())
		.run();
	return hostname;
}

describe("a page's public address", () => {
	it("is the subdomain without a custom domain, and the active custom domain once there is one", async () => {
		const site = testSite({});
		const { userId, pageId } = await publishedAccount();
		const first = await publishPage(site, userId, pageId, options);
		if (!first.ok) throw new Error(first.message);
		expect(first.value.url).not.toMatch(/^https:\/\/addr-/);

		const hostname = await activateDomain(userId);
		const listed = await listPages(site, userId);
		expect(listed.ok && listed.value[0]?.publishedUrl).toBe(`https://${hostname}/`);
		const one = await getPage(site, userId, pageId);
		expect(one.ok && one.value.page.publishedUrl).toBe(`https://${hostname}/`);
		const again = await publishPage(site, userId, pageId, options);
		expect(again.ok && again.value.url).toBe(`https://${hostname}/`);
		const offline = await unpublishPage(site, userId, pageId);
		expect(offline.ok && offline.value.publishedUrl).toBeUndefined();
	});
});
