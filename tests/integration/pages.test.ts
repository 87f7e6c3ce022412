/**
 * Profile, pages, links and publishing over HTTP against the running stack, through to the
 * Domain Worker: happy paths, paywall, tenant isolation, hostile input.
 */
import { describe, expect, it } from "vitest";
import { getWithHost, signedUp, stack, verifiedAccount } from "../support/api.ts";

type Page = {
	id: string;
	slug: string;
	status: string;
	isHome: boolean;
	hasUnpublishedChanges: boolean;
	publishedUrl?: string;
	publishedVersion?: number;
};
type Link = { id: string; title: string; url: string; enabled: boolean; position: number };
type ErrorBody = {
	error: {
		code: string;
		fields?: Record<string, string>;
		limit?: { name: string; max: number; plan: string };
	};
};
const err = (b: unknown) => (b as ErrorBody).error;

/** GET a published URL ({handle}.localhost) through the Domain Worker's port, Host preserved. */
const domainGet = (url: string, init: { headers?: Record<string, string> } = {}) =>
	getWithHost(url, stack.ports.domain, init.headers);

async function accountWithPage() {
	const account = await verifiedAccount();
	const created = await account.api.post<{ page: Page }>("/pages", { title: "My links" });
	expect(created.status).toBe(201);
	return { ...account, page: created.body.page };
}

describe("pages and links", () => {
	it("the first page is the home page; links are appended in order", async () => {
		const { api, page } = await accountWithPage();
		expect(page).toMatchObject({
			slug: "my-links",
			status: "draft",
			isHome: true,
			hasUnpublishedChanges: true,
		});
		for (const [i, title] of ["One", "Two", "Three"].entries()) {
			const res = await api.post<{ link: Link }>(`/pages/${page.id}/links`, {
				title,
				url: `https://example.com/${i}`,
			});
			expect(res.status).toBe(201);
			expect(res.body.link.position).toBe(i);
		}
		const list = await api.get<{ links: Link[] }>(`/pages/${page.id}/links`);
		expect(list.body.links.map((l) => l.title)).toEqual(["One", "Two", "Three"]);
	});

	it("reorders only with exactly the page's links", async () => {
		const { api, page } = await accountWithPage();
		const ids: string[] = [];
		for (const title of ["A", "B", "C"]) {
			ids.push(
				(
					await api.post<{ link: Link }>(`/pages/${page.id}/links`, {
						title,
						url: "https://example.com/",
					})
				).body.link.id,
			);
		}
		const [a = "", b = "", c = ""] = ids;
		for (const bad of [
			[a, b],
			[a, b, c, c],
			[a, b, "ln_aaaaaaaaaaaaaaaaaaaa"],
			[a, b, c, "x"],
		]) {
			const res = await api.put(`/pages/${page.id}/links/order`, { ids: bad });
			expect(res.status, JSON.stringify(bad)).toBe(400);
		}
		const ok = await api.put<{ links: Link[] }>(`/pages/${page.id}/links/order`, {
			ids: [c, a, b],
		});
		expect(ok.status).toBe(200);
		expect(ok.body.links.map((l) => l.title)).toEqual(["C", "A", "B"]);
	});

	it("the free plan allows one page and 15 links (402 with the limit)", async () => {
		const { api, page } = await accountWithPage();
		const second = await api.post("/pages", { title: "Second" });
		expect(second.status).toBe(402);
		expect(err(second.body)).toMatchObject({
			code: "plan_limit_reached",
			limit: { name: "maxPages", max: 1, plan: "free" },
		});
		for (let i = 0; i < 15; i++) {
			expect(
				(await api.post(`/pages/${page.id}/links`, { title: `L${i}`, url: "https://example.com/" }))
					.status,
			).toBe(201);
		}
		const over = await api.post(`/pages/${page.id}/links`, {
			title: "L15",
			url: "https://example.com/",
		});
		expect(over.status).toBe(402);
		expect(err(over.body)).toMatchObject({
			code: "plan_limit_reached",
			limit: { name: "maxLinksPerPage", max: 15 },
		});
	});

	it("restoring a version needs the Pro plan (402 plan_required)", async () => {
		const { api, page } = await accountWithPage();
		await api.post(`/pages/${page.id}/publish`);
		const res = await api.post(`/pages/${page.id}/versions/1/restore`);
		expect(res.status).toBe(402);
		expect(err(res.body).code).toBe("plan_required");
	});
});

describe("publishing and delivery", () => {
	it("publishes to the account's subdomain; a change shows after the next publish; unpublish takes it offline", async () => {
		const { api, page } = await accountWithPage();
		await api.patch("/profile", { displayName: "Anna Example", bio: "Hello there" });
		await api.post(`/pages/${page.id}/links`, {
			title: "First link",
			url: "https://example.com/first",
		});
		const published = await api.post<{ page: Page; version: number; url: string }>(
			`/pages/${page.id}/publish`,
		);
		expect(published.status).toBe(200);
		expect(published.body.version).toBe(1);
		expect(published.body.page.hasUnpublishedChanges).toBe(false);
		const { url } = published.body;
		expect(url).toMatch(new RegExp(`^http://[a-z0-9-]+\\.localhost:${stack.ports.domain}/$`));

		const first = await domainGet(url);
		expect(first.status).toBe(200);
		const html = await first.text();
		expect(html).toContain("Anna Example");
		expect(html).toContain('href="https://example.com/first"');
		const etag = first.headers.get("ETag") ?? "";
		expect((await domainGet(url, { headers: { "If-None-Match": etag } })).status).toBe(304);

		await api.post(`/pages/${page.id}/links`, {
			title: "Second link",
			url: "https://example.com/second",
		});
		const pending = await api.get<{ page: Page }>(`/pages/${page.id}`);
		expect(pending.body.page.hasUnpublishedChanges).toBe(true);
		expect(await (await domainGet(url)).text()).not.toContain("Second link");
		expect((await api.post(`/pages/${page.id}/publish`)).status).toBe(200);
		const second = await domainGet(url);
		expect(await second.text()).toContain("Second link");
		expect(second.headers.get("ETag")).not.toBe(etag);

		const versions = await api.get<{ versions: { version: number }[] }>(
			`/pages/${page.id}/versions`,
		);
		expect(versions.body.versions.map((v) => v.version)).toEqual([2]);

		expect((await api.post(`/pages/${page.id}/unpublish`)).status).toBe(200);
		expect((await domainGet(url)).status).toBe(404);
	});

	it("the preview is exactly the HTML that gets published", async () => {
		const { api, page } = await accountWithPage();
		await api.post(`/pages/${page.id}/links`, { title: "Same", url: "https://example.com/" });
		const preview = await api.get(`/pages/${page.id}/preview`);
		expect(preview.status).toBe(200);
		expect(preview.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(preview.headers.get("Content-Security-Policy")).toMatch(/sandbox/);
		const { url } = (await api.post<{ url: string }>(`/pages/${page.id}/publish`)).body;
		expect(await (await domainGet(url)).text()).toBe(preview.text);
	});

	it("a new handle moves the published site; the old address stops serving", async () => {
		const { api, page } = await accountWithPage();
		const { url } = (await api.post<{ url: string }>(`/pages/${page.id}/publish`)).body;
		const handle = `moved-${Math.random().toString(36).slice(2, 8)}`;
		expect((await api.patch("/profile", { handle })).status).toBe(200);
		expect((await domainGet(url)).status).toBe(404);
		expect((await domainGet(`http://${handle}.localhost:${stack.ports.domain}/`)).status).toBe(200);
	});

	it("deleting a page takes its published content offline", async () => {
		const { api, page } = await accountWithPage();
		const { url } = (await api.post<{ url: string }>(`/pages/${page.id}/publish`)).body;
		expect((await api.delete(`/pages/${page.id}`)).status).toBe(204);
		expect((await domainGet(url)).status).toBe(404);
		expect((await api.get(`/pages/${page.id}`)).status).toBe(404);
	});
});

describe("tenant isolation: another account's ids are 404 and change nothing", () => {
	it("pages, links, preview, publish, versions", async () => {
		const owner = await accountWithPage();
		const link = (
			await owner.api.post<{ link: Link }>(`/pages/${owner.page.id}/links`, {
				title: "Mine",
				url: "https://example.com/",
			})
		).body.link;
		const intruder = await verifiedAccount();
		const p = `/pages/${owner.page.id}`;
		const attempts: [string, string, unknown?][] = [
			["GET", p],
			["PATCH", p, { title: "pwned" }],
			["DELETE", p],
			["GET", `${p}/preview`],
			["POST", `${p}/publish`],
			["POST", `${p}/unpublish`],
			["GET", `${p}/versions`],
			["GET", `${p}/links`],
			["POST", `${p}/links`, { title: "x", url: "https://evil.example/" }],
			["PATCH", `${p}/links/${link.id}`, { title: "pwned" }],
			["DELETE", `${p}/links/${link.id}`],
			["PUT", `${p}/links/order`, { ids: [link.id] }],
		];
		for (const [method, path, body] of attempts) {
			const res = await intruder.api.request(method, path, body);
			expect(res.status, `${method} ${path}`).toBe(404);
			expect(err(res.body).code).toBe("not_found");
		}
		const after = await owner.api.get<{ page: Page & { title: string }; links: Link[] }>(p);
		expect(after.body.page.title).toBe("My links");
		expect(after.body.links.map((l) => l.title)).toEqual(["Mine"]);
	});
});

describe("hostile input", () => {
	const schemeBypasses = [
		"javascript:alert(1)",
		"JavaScript:alert(1)",
		" javascript:alert(1)",
		"java\tscript:alert(1)",
		"java\u0000script:alert(1)",
		"&#106;avascript:alert(1)",
		"javascript&colon;alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)",
		"//evil.example/",
		"https://user:pass@evil.example/",
		"\u202ehttps://evil.example",
		"file:///etc/passwd",
	];
	it.each(schemeBypasses)("refuses the link URL %j and stores nothing", async (url) => {
		const { api, page } = await accountWithPage();
		const res = await api.post(`/pages/${page.id}/links`, { title: "x", url });
		expect(res.status).toBe(400);
		expect(err(res.body).fields).toHaveProperty("url");
		expect((await api.get<{ links: Link[] }>(`/pages/${page.id}/links`)).body.links).toHaveLength(
			0,
		);
	});

	it("accepts the four allowed schemes", async () => {
		const { api, page } = await accountWithPage();
		for (const url of [
			"https://example.com/a?b=c#d",
			"http://example.com",
			"mailto:anna@example.com",
			"tel:+49 30 123456",
		]) {
			expect((await api.post(`/pages/${page.id}/links`, { title: "ok", url })).status, url).toBe(
				201,
			);
		}
	});

	it("escapes HTML in every field that reaches the published page", async () => {
		const { api, page } = await accountWithPage();
		const xss = `"><script>alert(1)</script><img src=x onerror=alert(1)>`;
		await api.patch("/profile", { displayName: xss.slice(0, 60), bio: xss, imprint: xss });
		await api.patch(`/pages/${page.id}`, { title: xss.slice(0, 100), description: xss });
		await api.post(`/pages/${page.id}/links`, {
			title: xss.slice(0, 100),
			url: `https://example.com/?q="><script>`,
		});
		const { url } = (await api.post<{ url: string }>(`/pages/${page.id}/publish`)).body;
		const html = await (await domainGet(url)).text();
		expect(html).not.toContain("<script>");
		expect(html).not.toMatch(/<img[^>]+onerror/);
		expect(html).toContain("&lt;script&gt;");
	});

	it.each([
		["a handle with upper case", { handle: "Anna" }],
		["a reserved handle", { handle: "admin" }],
		["a handle with a leading dash", { handle: "-anna" }],
		["a look-alike handle", { handle: "аnna" }],
		["a too long display name", { displayName: "x".repeat(61) }],
		["a too long bio", { bio: "x".repeat(281) }],
		["a bidi override in the name", { displayName: "abc\u202edef" }],
		["an unknown theme", { theme: "neon" }],
		["a javascript social link", { socials: [{ network: "x", url: "javascript:alert(1)" }] }],
		["an unknown network", { socials: [{ network: "myspace", url: "https://example.com" }] }],
		["a wrong type", { bio: 42 }],
		["an unknown field", { role: "admin" }],
	])("refuses a profile with %s (400) and changes nothing", async (_name, body) => {
		const { api } = await signedUp();
		const before = await api.get("/profile");
		const res = await api.patch("/profile", body);
		expect(res.status).toBe(400);
		expect(err(res.body).code).toBe("validation_failed");
		expect((await api.get("/profile")).text).toBe(before.text);
	});

	it("answers a taken handle with 409 handle_taken", async () => {
		const a = await signedUp();
		const b = await signedUp();
		const handle = `taken-${Math.random().toString(36).slice(2, 8)}`;
		expect((await a.api.patch("/profile", { handle })).status).toBe(200);
		const res = await b.api.patch("/profile", { handle });
		expect(res.status).toBe(409);
		expect(err(res.body).code).toBe("handle_taken");
	});

	it.each([
		["/pages/..%2F..%2Fetc", "GET"],
		["/pages/pg_%00", "GET"],
		["/pages/' OR 1=1 --", "GET"],
		[`/pages/${"a".repeat(5000)}`, "GET"],
		["/pages/pg_aaaaaaaaaaaaaaaaaaaa/versions/0/restore", "POST"],
		["/pages/pg_aaaaaaaaaaaaaaaaaaaa/versions/-1/restore", "POST"],
		["/pages/pg_aaaaaaaaaaaaaaaaaaaa/versions/1e3/restore", "POST"],
	])("answers the odd path %s with 404", async (path, method) => {
		const { api } = await signedUp();
		const res = await api.request(method, path);
		expect(res.status).toBe(404);
	});

	it.each([
		["a missing title", {}],
		["an empty title", { title: "   " }],
		["a too long title", { title: "x".repeat(101) }],
		["a bad slug", { title: "ok", slug: "Not OK" }],
		["a slug with a slash", { title: "ok", slug: "a/b" }],
		["a number title", { title: 5 }],
	])("refuses a page with %s (400) and stores nothing", async (_name, body) => {
		const { api } = await signedUp();
		const res = await api.post("/pages", body);
		expect(res.status).toBe(400);
		expect((await api.get<{ pages: Page[] }>("/pages")).body.pages).toHaveLength(0);
	});
});
