/**
 * Profile, pages, links and publishing over HTTP against the running stack, through to the
 * Domain Worker: happy paths, paywall, tenant isolation, hostile input.
 */
import { describe, expect, it } from "vitest";
import { type Answer, getWithHost, signedUp, stack, verifiedAccount } from "../support/api.ts";

/** GET a published URL ({handle}.localhost) through the Domain Worker's port, Host preserved. */
const domainGet = (url: string, init: { headers?: Record<string, string> } = {}) =>
	getWithHost(url, stack.ports.domain, init.headers);

async function accountWithPage() {
	const account = await verifiedAccount();
	const created = await account.api.call("POST /pages", { body: { title: "My links" } });
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
			const res = await api.call("POST /pages/:id/links", {
				params: { id: page.id },
				body: {
					title,
					url: `https://example.com/${i}`,
				},
			});
			expect(res.status).toBe(201);
			expect(res.body.link.position).toBe(i);
		}
		const list = await api.call("GET /pages/:id/links", { params: { id: page.id } });
		expect(list.body.links.map((l) => l.title)).toEqual(["One", "Two", "Three"]);
	});

	it("reorders only with exactly the page's links", async () => {
		const { api, page } = await accountWithPage();
		const ids: string[] = [];
		for (const title of ["A", "B", "C"]) {
			ids.push(
				(
					await api.call("POST /pages/:id/links", {
						params: { id: page.id },
						body: {
							title,
							url: "https://example.com/",
						},
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
			const res = await api.call("PUT /pages/:id/links/order", {
				params: { id: page.id },
				body: { ids: bad },
			});
			expect(res.status, JSON.stringify(bad)).toBe(400);
		}
		const ok = await api.call("PUT /pages/:id/links/order", {
			params: { id: page.id },
			body: {
				ids: [c, a, b],
			},
		});
		expect(ok.status).toBe(200);
		expect(ok.body.links.map((l) => l.title)).toEqual(["C", "A", "B"]);
	});

	it("the free plan allows one page and 15 links (402 with the limit)", async () => {
		const { api, page } = await accountWithPage();
		const second = await api.call("POST /pages", { body: { title: "Second" } });
		expect(second.status).toBe(402);
		expect(second.error).toMatchObject({
			code: "plan_limit_reached",
			limit: { name: "maxPages", max: 1, plan: "free" },
		});
		for (let i = 0; i < 15; i++) {
			expect(
				(
					await api.call("POST /pages/:id/links", {
						params: { id: page.id },
						body: { title: `L${i}`, url: "https://example.com/" },
					})
				).status,
			).toBe(201);
		}
		const over = await api.call("POST /pages/:id/links", {
			params: { id: page.id },
			body: {
				title: "L15",
				url: "https://example.com/",
			},
		});
		expect(over.status).toBe(402);
		expect(over.error).toMatchObject({
			code: "plan_limit_reached",
			limit: { name: "maxLinksPerPage", max: 15 },
		});
	});

	it("restoring a version needs the Pro plan (402 plan_required)", async () => {
		const { api, page } = await accountWithPage();
		await api.call("POST /pages/:id/publish", { params: { id: page.id } });
		const res = await api.call("POST /pages/:id/versions/:version/restore", {
			params: { id: page.id, version: "1" },
		});
		expect(res.status).toBe(402);
		expect(res.error.code).toBe("plan_required");
	});
});

describe("publishing and delivery", () => {
	it("publishes to the account's subdomain; a change shows after the next publish; unpublish takes it offline", async () => {
		const { api, page } = await accountWithPage();
		await api.call("PATCH /profile", { body: { displayName: "Anna Example", bio: "Hello there" } });
		const link = await api.call("POST /pages/:id/links", {
			params: { id: page.id },
			body: {
				title: "First link",
				url: "https://example.com/first",
			},
		});
		const published = await api.call("POST /pages/:id/publish", { params: { id: page.id } });
		expect(published.status).toBe(200);
		expect(published.body.version).toBe(1);
		expect(published.body.page.hasUnpublishedChanges).toBe(false);
		const { url } = published.body;
		expect(url).toMatch(new RegExp(`^http://[a-z0-9-]+\\.localhost:${stack.ports.domain}/$`));

		const first = await domainGet(url);
		expect(first.status).toBe(200);
		const html = await first.text();
		expect(html).toContain("Anna Example");
		// Links go through the Domain Worker's counted redirect (issue 17.2).
		expect(html).toContain(`href="/_l/${link.body.link.id}"`);
		const etag = first.headers.get("ETag") ?? "";
		expect((await domainGet(url, { headers: { "If-None-Match": etag } })).status).toBe(304);

		await api.call("POST /pages/:id/links", {
			params: { id: page.id },
			body: {
				title: "Second link",
				url: "https://example.com/second",
			},
		});
		const pending = await api.call("GET /pages/:id", { params: { id: page.id } });
		expect(pending.body.page.hasUnpublishedChanges).toBe(true);
		expect(await (await domainGet(url)).text()).not.toContain("Second link");
		expect((await api.call("POST /pages/:id/publish", { params: { id: page.id } })).status).toBe(
			200,
		);
		const second = await domainGet(url);
		expect(await second.text()).toContain("Second link");
		expect(second.headers.get("ETag")).not.toBe(etag);

		const versions = await api.call("GET /pages/:id/versions", { params: { id: page.id } });
		expect(versions.body.versions.map((v) => v.version)).toEqual([2]);

		expect((await api.call("POST /pages/:id/unpublish", { params: { id: page.id } })).status).toBe(
			200,
		);
		expect((await domainGet(url)).status).toBe(404);
	});

	it("the preview is exactly the HTML that gets published, but for the links' hrefs", async () => {
		const { api, page } = await accountWithPage();
		const urls = ["https://example.com/", "https://example.org/shop?a=1&b=2"];
		for (const [i, url] of urls.entries()) {
			const res = await api.call("POST /pages/:id/links", {
				params: { id: page.id },
				body: { title: `Link ${i}`, url },
			});
			expect(res.status).toBe(201);
		}
		const preview = await api.call("GET /pages/:id/preview", { params: { id: page.id } });
		expect(preview.status).toBe(200);
		expect(preview.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(preview.headers.get("Content-Security-Policy")).toMatch(/sandbox/);
		const { url } = (await api.call("POST /pages/:id/publish", { params: { id: page.id } })).body;
		const published = await (await domainGet(url)).text();
		// Published links are counted redirects on the site's host; the preview, shown on the
		// dashboard's origin, links straight to where each of them redirects. Nothing else differs.
		const ids = [...published.matchAll(/href="\/_l\/([^"]+)"/g)].map((m) => m[1] ?? "");
		expect(ids).toHaveLength(urls.length);
		let expected = published;
		const targets: string[] = [];
		for (const id of ids) {
			const click = await domainGet(new URL(`/_l/${id}`, url).href);
			expect(click.status).toBe(302);
			const target = click.headers.get("Location") ?? "";
			targets.push(target);
			expected = expected.replace(`href="/_l/${id}"`, `href="${target.replaceAll("&", "&amp;")}"`);
		}
		expect(targets).toEqual(urls);
		expect(preview.text).toBe(expected);
		expect(preview.text).not.toContain("/_l/");
	});

	it("a new handle moves the published site; the old address stops serving", async () => {
		const { api, page } = await accountWithPage();
		const { url } = (await api.call("POST /pages/:id/publish", { params: { id: page.id } })).body;
		const handle = `moved-${Math.random().toString(36).slice(2, 8)}`;
		expect((await api.call("PATCH /profile", { body: { handle } })).status).toBe(200);
		expect((await domainGet(url)).status).toBe(404);
		expect((await domainGet(`http://${handle}.localhost:${stack.ports.domain}/`)).status).toBe(200);
	});

	it("deleting a page takes its published content offline", async () => {
		const { api, page } = await accountWithPage();
		const { url } = (await api.call("POST /pages/:id/publish", { params: { id: page.id } })).body;
		expect((await api.call("DELETE /pages/:id", { params: { id: page.id } })).status).toBe(204);
		expect((await domainGet(url)).status).toBe(404);
		expect((await api.call("GET /pages/:id", { params: { id: page.id } })).status).toBe(404);
	});
});

describe("tenant isolation: another account's ids are 404 and change nothing", () => {
	it("pages, links, preview, publish, versions", async () => {
		const owner = await accountWithPage();
		const link = (
			await owner.api.call("POST /pages/:id/links", {
				params: { id: owner.page.id },
				body: {
					title: "Mine",
					url: "https://example.com/",
				},
			})
		).body.link;
		const { api } = await verifiedAccount();
		const id = owner.page.id;
		const linkId = link.id;
		const attempts: [string, () => Promise<Answer>][] = [
			["GET /pages/:id", () => api.call("GET /pages/:id", { params: { id } })],
			[
				"PATCH /pages/:id",
				() => api.call("PATCH /pages/:id", { params: { id }, body: { title: "pwned" } }),
			],
			["DELETE /pages/:id", () => api.call("DELETE /pages/:id", { params: { id } })],
			["GET /pages/:id/preview", () => api.call("GET /pages/:id/preview", { params: { id } })],
			["POST /pages/:id/publish", () => api.call("POST /pages/:id/publish", { params: { id } })],
			[
				"POST /pages/:id/unpublish",
				() => api.call("POST /pages/:id/unpublish", { params: { id } }),
			],
			["GET /pages/:id/versions", () => api.call("GET /pages/:id/versions", { params: { id } })],
			["GET /pages/:id/links", () => api.call("GET /pages/:id/links", { params: { id } })],
			[
				"POST /pages/:id/links",
				() =>
					api.call("POST /pages/:id/links", {
						params: { id },
						body: { title: "x", url: "https://evil.example/" },
					}),
			],
			[
				"PATCH /pages/:id/links/:linkId",
				() =>
					api.call("PATCH /pages/:id/links/:linkId", {
						params: { id, linkId },
						body: { title: "pwned" },
					}),
			],
			[
				"DELETE /pages/:id/links/:linkId",
				() => api.call("DELETE /pages/:id/links/:linkId", { params: { id, linkId } }),
			],
			[
				"PUT /pages/:id/links/order",
				() => api.call("PUT /pages/:id/links/order", { params: { id }, body: { ids: [linkId] } }),
			],
		];
		for (const [endpoint, attempt] of attempts) {
			const res = await attempt();
			expect(res.status, endpoint).toBe(404);
			expect(res.error.code).toBe("not_found");
		}
		const after = await owner.api.call("GET /pages/:id", { params: { id } });
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
		const res = await api.call("POST /pages/:id/links", {
			params: { id: page.id },
			body: { title: "x", url },
		});
		expect(res.status).toBe(400);
		expect(res.error.fields).toHaveProperty("url");
		expect(
			(await api.call("GET /pages/:id/links", { params: { id: page.id } })).body.links,
		).toHaveLength(0);
	});

	it("accepts the four allowed schemes", async () => {
		const { api, page } = await accountWithPage();
		for (const url of [
			"https://example.com/a?b=c#d",
			"http://example.com",
			"mailto:anna@example.com",
			"tel:+49 30 123456",
		]) {
			expect(
				(
					await api.call("POST /pages/:id/links", {
						params: { id: page.id },
						body: { title: "ok", url },
					})
				).status,
				url,
			).toBe(201);
		}
	});

	it("escapes HTML in every field that reaches the published page", async () => {
		const { api, page } = await accountWithPage();
		const xss = `"><script>alert(1)</script><img src=x onerror=alert(1)>`;
		await api.call("PATCH /profile", {
			body: { displayName: xss.slice(0, 60), bio: xss, imprint: xss },
		});
		await api.call("PATCH /pages/:id", {
			params: { id: page.id },
			body: { title: xss.slice(0, 100), description: xss },
		});
		await api.call("POST /pages/:id/links", {
			params: { id: page.id },
			body: {
				title: xss.slice(0, 100),
				url: `https://example.com/?q="><script>`,
			},
		});
		const { url } = (await api.call("POST /pages/:id/publish", { params: { id: page.id } })).body;
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
		const before = await api.call("GET /profile");
		const res = await api.raw("PATCH", "/profile", { body });
		expect(res.status).toBe(400);
		expect(res.error.code).toBe("validation_failed");
		expect((await api.call("GET /profile")).text).toBe(before.text);
	});

	it("answers a taken handle with 409 handle_taken", async () => {
		const a = await signedUp();
		const b = await signedUp();
		const handle = `taken-${Math.random().toString(36).slice(2, 8)}`;
		expect((await a.api.call("PATCH /profile", { body: { handle } })).status).toBe(200);
		const res = await b.api.call("PATCH /profile", { body: { handle } });
		expect(res.status).toBe(409);
		expect(res.error.code).toBe("handle_taken");
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
		const res = await api.raw(method, path);
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
		const res = await api.raw("POST", "/pages", { body });
		expect(res.status).toBe(400);
		expect((await api.call("GET /pages")).body.pages).toHaveLength(0);
	});
});
