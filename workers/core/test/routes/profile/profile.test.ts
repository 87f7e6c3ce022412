/**
 * GET/PATCH /profile (src/routes/profile/profile.ts) for issue 18.4 and 18.5, end to end in
 * workerd: socials typed as people type them are stored normalised; `legal` is stored, answered,
 * exported and removed with `null`, and a change of it republishes the published pages without
 * unpublished edits (the legal pages and their footer links go online together, no draft does);
 * bad input of every kind is a 400 naming the field, with the stored profile unchanged.
 */
import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { account, call, raw, withResources } from "../../support/request";

const LEGAL = {
	name: "Anna Beispiel",
	street: "Musterstraße 1",
	postalCode: "10115",
	city: "Berlin",
	country: "DE",
	email: "anna@example.org",
};

async function manifest(userId: string): Promise<SiteManifest | undefined> {
	return (await (await env.TEST_PAGES.get(r2Keys.manifest(userId)))?.json()) as
		| SiteManifest
		| undefined;
}

/** The HTML the manifest serves at `slug` ("" = home). */
async function servedHtml(userId: string, slug: string): Promise<string> {
	const key = (await manifest(userId))?.pages[slug]?.key ?? "";
	return (await (await env.TEST_PAGES.get(key))?.text()) ?? "";
}

describe("happy", () => {
	it("stores socials normalised from what people type, and the placement", async () => {
		const owner = await account("free");
		const res = await call("PATCH /profile", {
			as: owner,
			body: {
				socials: [
					{ network: "instagram", url: "@anna" },
					{ network: "x", url: "anna_k" },
					{ network: "youtube", url: "https://www.youtube.com/@AnnaKocht" },
					{ network: "mastodon", url: "@anna@mastodon.social" },
					{ network: "email", url: "anna@example.org" },
					{ network: "whatsapp", url: "+49 151 2345 6789" },
				],
				socialsPlacement: "top",
			},
		});
		expect(res.status, res.text).toBe(200);
		const stored = (await call("GET /profile", { as: owner })).body.profile;
		expect(stored.socials.map((s) => s.url)).toEqual([
			"https://instagram.com/anna",
			"https://x.com/anna_k",
			"https://www.youtube.com/@AnnaKocht",
			"https://mastodon.social/@anna",
			"mailto:anna@example.org",
			"https://wa.me/4915123456789",
		]);
		expect(stored.socialsPlacement).toBe("top");
		expect(stored.legal).toBeUndefined();
	});

	it("stores legal, answers and exports it, republishes the site with the legal pages, and removes it with null", async () => {
		const owner = await withResources(await account("free"), { publish: true });
		expect((await manifest(owner.userId))?.legal).toBeUndefined();
		const set = await call("PATCH /profile", {
			as: owner,
			body: { legal: { ...LEGAL, country: "de", vatId: "DE 123 456 789", phone: "" } },
		});
		expect(set.status, set.text).toBe(200);
		expect(set.body.profile.legal).toEqual({ ...LEGAL, vatId: "DE123456789" });
		expect((await call("GET /profile", { as: owner })).body.profile.legal).toEqual({
			...LEGAL,
			vatId: "DE123456789",
		});

		// The published home page was republished with the footer links, and the four pages exist.
		const withLegal = await manifest(owner.userId);
		expect(Object.keys(withLegal?.legal ?? {}).sort()).toEqual([
			"datenschutz",
			"impressum",
			"imprint",
			"privacy",
		]);
		const home = await servedHtml(owner.userId, "");
		expect(home).toContain('href="/imprint"');
		const impressum = await env.TEST_PAGES.get(withLegal?.legal?.impressum?.key ?? "");
		expect(await impressum?.text()).toContain("DE123456789");
		const page = (await call("GET /pages/:id", { as: owner, params: { id: owner.pageId } })).body
			.page;
		expect(page.hasUnpublishedChanges).toBe(false);

		const exported = await raw("GET", "/me/export", { as: owner });
		expect(exported.text).toContain("DE123456789");

		const removed = await call("PATCH /profile", { as: owner, body: { legal: null } });
		expect(removed.status, removed.text).toBe(200);
		expect(removed.body.profile.legal).toBeUndefined();
		expect((await manifest(owner.userId))?.legal).toBeUndefined();
		expect(await servedHtml(owner.userId, "")).not.toContain('href="/imprint"');
	});

	it("does not put an unpublished draft online when legal changes", async () => {
		const owner = await withResources(await account("free"), { publish: true });
		await call("POST /pages/:id/links", {
			as: owner,
			params: { id: owner.pageId },
			body: { title: "Draft only", url: "https://example.com/draft" },
		});
		const res = await call("PATCH /profile", { as: owner, body: { legal: LEGAL } });
		expect(res.status, res.text).toBe(200);
		// The legal pages are online; the home page keeps its published version until a publish.
		expect(Object.keys((await manifest(owner.userId))?.legal ?? {})).toHaveLength(4);
		expect(await servedHtml(owner.userId, "")).not.toContain("Draft only");
		const page = (await call("GET /pages/:id", { as: owner, params: { id: owner.pageId } })).body
			.page;
		expect(page.hasUnpublishedChanges).toBe(true);
	});

	it("serves no legal pages for a site that has not published", async () => {
		const owner = await withResources(await account("free"));
		expect((await call("PATCH /profile", { as: owner, body: { legal: LEGAL } })).status).toBe(200);
		expect((await manifest(owner.userId))?.legal).toBeUndefined();
	});
});

describe("error", () => {
	it.each([
		["an unknown network", { socials: [{ network: "myspace", url: "anna" }] }, "socials.0.network"],
		[
			"a username the network cannot have",
			{
				socials: [
					{ network: "x", url: "anna" },
					{ network: "github", url: "octo" },
					{ network: "instagram", url: "anna k" },
				],
			},
			"socials.2.url",
		],
		[
			"javascript:",
			{ socials: [{ network: "website", url: "javascript:alert(1)" }] },
			"socials.0.url",
		],
		["data:", { socials: [{ network: "website", url: "data:text/html,x" }] }, "socials.0.url"],
		[
			"a foreign host",
			{ socials: [{ network: "instagram", url: "https://evil.example/anna" }] },
			"socials.0.url",
		],
		["a bidi override", { socials: [{ network: "x", url: "anna\u202e" }] }, "socials.0.url"],
		[
			"a zero-width space",
			{ socials: [{ network: "email", url: "an\u200bna@example.org" }] },
			"socials.0.url",
		],
		[
			"10 KB",
			{ socials: [{ network: "website", url: `https://example.org/${"a".repeat(10_000)}` }] },
			"socials.0.url",
		],
		["a number as url", { socials: [{ network: "x", url: 42 }] }, "socials.0.url"],
		["socials as a string", { socials: "anna" }, "socials"],
		[
			"21 socials",
			{ socials: Array.from({ length: 21 }, () => ({ network: "x", url: "anna" })) },
			"socials",
		],
		["a placement that is not one", { socialsPlacement: "left" }, "socialsPlacement"],
		["legal as a string", { legal: "Anna" }, "legal"],
		["legal without a name", { legal: { ...LEGAL, name: "" } }, "legal.name"],
		["legal with an unknown field", { legal: { ...LEGAL, fax: "1" } }, "legal.fax"],
		["a wrong type in legal", { legal: { ...LEGAL, city: ["Berlin"] } }, "legal.city"],
		[
			"a 10 KB legal field",
			{ legal: { ...LEGAL, responsible: "r".repeat(10_000) } },
			"legal.responsible",
		],
		[
			"a hostile legal field",
			{ legal: { ...LEGAL, street: "Muster\u202estraße" } },
			"legal.street",
		],
		["a VAT id of no format", { legal: { ...LEGAL, vatId: "DE12" } }, "legal.vatId"],
		["a country that is none", { legal: { ...LEGAL, country: "Germany" } }, "legal.country"],
		[
			"an e-mail that is none",
			{ legal: { ...LEGAL, email: "javascript:alert(1)" } },
			"legal.email",
		],
	])("refuses %s with 400 naming the field, changing nothing", async (_, body, field) => {
		const owner = await account("free");
		await call("PATCH /profile", {
			as: owner,
			body: { socials: [{ network: "github", url: "octocat" }], legal: LEGAL },
		});
		const before = (await call("GET /profile", { as: owner })).body.profile;
		const res = await raw("PATCH", "/profile", {
			as: owner,
			body: JSON.stringify(body),
			headers: { "Content-Type": "application/json" },
		});
		expect(res.status, res.text).toBe(400);
		expect(res.error.code).toBe("validation_failed");
		expect(Object.keys(res.error.fields ?? {})).toContain(field);
		expect((await call("GET /profile", { as: owner })).body.profile).toEqual(before);
	});
});

describe("security", () => {
	it("a legal change of one account touches no other account's site", async () => {
		const owner = await withResources(await account("free"), { publish: true });
		const other = await withResources(await account("free"), { publish: true });
		const before = await manifest(other.userId);
		await call("PATCH /profile", { as: owner, body: { legal: LEGAL } });
		expect(await manifest(other.userId)).toEqual(before);
		expect(Object.keys((await manifest(owner.userId))?.legal ?? {})).toHaveLength(4);
		for (const ref of Object.values((await manifest(owner.userId))?.legal ?? {}))
			expect(ref.key.startsWith(r2Keys.legalPrefix(owner.userId))).toBe(true);
	});
});
