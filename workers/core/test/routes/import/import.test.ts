/**
 * Import (src/routes/import/import.ts, issue 21): preview and import of a CSV, a SmartPages export
 * (export → import → the same pages and items) and a Linktree profile fetched by Core — the
 * network is not reachable in tests, so `fetch` is stood in for here and records what Core asked
 * for. Bad input — wrong types, oversized bodies, hostile files — answers 4xx and creates nothing;
 * Core never fetches an address off the allow-list (http, localhost, IP literals, private names,
 * other hosts, redirects to them), reads at most 1 MiB, and imports only into the caller's account.
 */
import type { Link } from "@smartpages/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Account, account, call, raw } from "../../support/request";

const CSV = "title,url\nShop,https://example.com/shop\nBlog,https://example.com/blog\n";

const linktreePage = (links: unknown[], account: Record<string, unknown> = { username: "anna" }) =>
	`<!DOCTYPE html><html><head><title>Linktree</title><script>alert(1)</script></head><body><script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ props: { pageProps: { account, links } } })}</script></body></html>`;

const ANNA = linktreePage(
	[
		{ type: "HEADER", title: "Neu", position: 0 },
		{ type: "CLASSIC", title: "Rezepte", url: "https://annakocht.de/rezepte", position: 1 },
		{ type: "CLASSIC", title: "Böse", url: "javascript:alert(1)", position: 2 },
	],
	{ username: "annakocht", pageTitle: "Anna Kocht", description: "Rezepte" },
);

/** Made per request: a body made in the test's context cannot be read in the request's. */
type Answer = () => Response;

/**
 * Stands in for the network: `answers` by URL (a missing one is a network error); the calls Core
 * made are recorded. Requests to the local stand-ins (127.0.0.1) go through.
 */
function network(answers: Record<string, Answer>) {
	const real = globalThis.fetch.bind(globalThis);
	const asked: { url: string; redirect: string | undefined }[] = [];
	vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
		const url = input instanceof Request ? input.url : String(input);
		if (url.startsWith("http://127.0.0.1:")) return real(input, init);
		asked.push({ url, redirect: init?.redirect });
		const answer = answers[url];
		if (!answer) throw new TypeError("Network connection lost.");
		return answer();
	});
	return asked;
}

const html = (body: string, status = 200) =>
	new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
const redirect = (location: string, status = 301) =>
	new Response(null, { status, headers: { Location: location } });

afterEach(() => {
	vi.restoreAllMocks();
});

async function pagesOf(owner: Account) {
	const res = await call("GET /pages", { as: owner });
	expect(res.status).toBe(200);
	return res.body.pages;
}

async function itemsOf(owner: Account, id: string): Promise<Link[]> {
	const res = await call("GET /pages/:id", { as: owner, params: { id } });
	expect(res.status).toBe(200);
	return res.body.links;
}

describe("happy", () => {
	it("previews a CSV without creating anything, then imports it as a draft page", async () => {
		const owner = await account("free");
		const preview = await call("POST /import/preview", {
			as: owner,
			body: { source: "csv", content: CSV, title: "Meine Links" },
		});
		expect(preview.status, preview.text).toBe(200);
		expect(preview.body).toMatchObject({
			source: "csv",
			droppedTotal: 0,
			trimmed: { pages: 0, links: 0, plan: "free", maxPages: 1, maxLinksPerPage: 15 },
		});
		expect(preview.body.pages[0]?.links.map((l) => l.title)).toEqual(["Shop", "Blog"]);
		expect(await pagesOf(owner)).toEqual([]);

		const imported = await call("POST /import", {
			as: owner,
			body: { source: "csv", content: CSV, title: "Meine Links" },
		});
		expect(imported.status, imported.text).toBe(201);
		expect(imported.body.links).toBe(2);
		const [page] = imported.body.pages;
		expect(page).toMatchObject({ title: "Meine Links", status: "draft", isHome: true });
		expect((await itemsOf(owner, page?.id ?? "")).map((l) => [l.title, l.url])).toEqual([
			["Shop", "https://example.com/shop"],
			["Blog", "https://example.com/blog"],
		]);
	});

	it("fetches a Linktree profile (following its redirect on linktr.ee) and imports it", async () => {
		const owner = await account("pro");
		const asked = network({
			"https://linktr.ee/AnnaKocht": () => redirect("/annakocht"),
			"https://linktr.ee/annakocht": () => html(ANNA),
		});
		const res = await call("POST /import", {
			as: owner,
			body: { source: "url", url: "linktr.ee/AnnaKocht" },
		});
		expect(res.status, res.text).toBe(201);
		expect(asked).toEqual([
			{ url: "https://linktr.ee/AnnaKocht", redirect: "manual" },
			{ url: "https://linktr.ee/annakocht", redirect: "manual" },
		]);
		expect(res.body).toMatchObject({ source: "linktree", links: 2, droppedTotal: 1 });
		expect(res.body.dropped[0]).toMatchObject({ title: "Böse" });
		const [page] = res.body.pages;
		expect(page?.title).toBe("Anna Kocht");
		expect((await itemsOf(owner, page?.id ?? "")).map((l) => [l.kind, l.title])).toEqual([
			["header", "Neu"],
			["link", "Rezepte"],
		]);
	});

	it("reads a LittleLink-style page (demo.linkstack.org): button links, LinkStack's redirects unwrapped", async () => {
		const owner = await account("pro");
		network({
			"https://demo.linkstack.org/@mara": () =>
				html(
					`<html lang="en"><body><h1>Mara</h1><p>DJ</p>
					<a class="button button-custom" href="/going/12?https%3A%2F%2Fsoundcloud.com%2Fmara">SoundCloud</a>
					<a class="button" href="https://mara.example/booking">Booking</a>
					<a href="https://linkstack.org">Powered by LinkStack</a></body></html>`,
				),
		});
		const res = await call("POST /import/preview", {
			as: owner,
			body: { source: "url", url: "https://demo.linkstack.org/@mara" },
		});
		expect(res.status, res.text).toBe(200);
		expect(res.body.source).toBe("littlelink");
		expect(res.body.pages[0]?.title).toBe("Mara");
		expect(res.body.pages[0]?.links.map((l) => l.url)).toEqual([
			"https://soundcloud.com/mara",
			"https://mara.example/booking",
		]);
	});

	it("#21.4 export → import: another account gets the same pages and items", async () => {
		const source = await account("pro");
		const home = (await call("POST /pages", { as: source, body: { title: "Alex" } })).body.page;
		const design = {
			background: "#101820",
			text: "#f2f2f2",
			button: "#fee715",
			buttonText: "#101820",
			buttonShape: "pill",
			font: "rounded",
		} as const;
		await call("PATCH /pages/:id", {
			as: source,
			params: { id: home.id },
			body: { description: "Alles an einem Ort", theme: "dark", design },
		});
		const items = [
			{ kind: "header", title: "Lesen" },
			{ title: "Newsletter", url: "https://alex.example/news", highlight: true },
			{
				title: "Black Friday",
				url: "https://alex.example/sale",
				enabled: false,
				startsAt: "2030-11-27T00:00:00.000Z",
				endsAt: "2030-11-30T23:00:00.000Z",
			},
			{ title: "Mail", url: "mailto:alex@example.com" },
		];
		for (const body of items) {
			const res = await call("POST /pages/:id/links", {
				as: source,
				params: { id: home.id },
				body,
			});
			expect(res.status, res.text).toBe(201);
		}
		const second = (await call("POST /pages", { as: source, body: { title: "Workshops" } })).body
			.page;
		await call("POST /pages/:id/links", {
			as: source,
			params: { id: second.id },
			body: { title: "Buchen", url: "https://alex.example/book" },
		});
		const exported = await raw("GET", "/me/export", { as: source });
		expect(exported.status).toBe(200);
		expect(JSON.parse(exported.text)).toMatchObject({ format: "smartpages-export", version: 1 });

		const target = await account("pro");
		const res = await call("POST /import", {
			as: target,
			body: { source: "smartpages", content: exported.text },
		});
		expect(res.status, res.text).toBe(201);
		expect(res.body).toMatchObject({ source: "smartpages", droppedTotal: 0, links: 5 });

		const shape = async (owner: Account) =>
			Promise.all(
				(await pagesOf(owner)).map(async (p) => ({
					page: [p.title, p.slug, p.description, p.theme, p.design, p.isHome],
					items: (await itemsOf(owner, p.id)).map(
						({ kind, title, url, enabled, highlight, startsAt, endsAt }) => ({
							kind,
							title,
							url,
							enabled,
							highlight,
							startsAt,
							endsAt,
						}),
					),
				})),
			);
		expect(await shape(target)).toEqual(await shape(source));
		expect((await pagesOf(target)).every((p) => p.status === "draft")).toBe(true);
	});

	it("cuts to the plan: a page's link limit, then the page limit (402, nothing created)", async () => {
		const owner = await account("free");
		const rows = Array.from({ length: 40 }, (_, i) => `Link ${i},https://example.com/${i}`);
		const body = { source: "csv", content: `title,url\n${rows.join("\n")}` };
		const res = await call("POST /import", { as: owner, body });
		expect(res.status, res.text).toBe(201);
		expect(res.body.links).toBe(15);
		expect(res.body.trimmed).toMatchObject({ pages: 0, links: 25, maxLinksPerPage: 15 });
		const again = await call("POST /import/preview", { as: owner, body });
		expect(again.body.pages).toEqual([]);
		expect(again.body.trimmed).toMatchObject({ pages: 1, links: 40 });
		const refused = await call("POST /import", { as: owner, body });
		expect(refused.status).toBe(402);
		expect(refused.error).toMatchObject({
			code: "plan_limit_reached",
			limit: { name: "maxPages" },
		});
		expect(await pagesOf(owner)).toHaveLength(1);
	});
});

describe("error", () => {
	it("wrong types, unknown sources and fields, empty and oversized content → 4xx, nothing created", async () => {
		const owner = await account("pro");
		for (const [body, field] of [
			[{ source: "csv", content: 5 }, "content"],
			[{ source: "ftp", url: "x" }, "source"],
			[{ source: "url", url: ["https://linktr.ee/a"] }, "url"],
			[{ source: "csv", content: "   " }, "content"],
			[{ source: "csv", content: CSV, extra: true }, "extra"],
			[{ source: "smartpages", content: "x".repeat(1024 * 1024 + 1) }, "content"],
			[{ source: "csv", content: CSV, title: "a\u202eb" }, "title"],
		] as const) {
			const res = await call("POST /import", { as: owner, body });
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
			expect(res.error.fields?.[field], res.text).toBeDefined();
		}
		const huge = await raw("POST", "/import", {
			as: owner,
			body: JSON.stringify({ source: "csv", content: "a".repeat(2 * 1024 * 1024 + 10) }),
			headers: { "Content-Type": "application/json" },
		});
		expect(huge.status).toBe(413);
		const text = await raw("POST", "/import", {
			as: owner,
			body: "title,url",
			headers: { "Content-Type": "text/csv" },
		});
		expect(text.status).toBe(415);
		expect(await pagesOf(owner)).toEqual([]);
	});

	it("a file with nothing importable, or no export at all, or a newer export version → 400 naming the reason", async () => {
		const owner = await account("pro");
		const cases = [
			[
				{ source: "csv", content: "title,url\nX,javascript:alert(1)\nY,data:text/html,hi\n" },
				/no link that can be imported/,
			],
			[
				{ source: "smartpages", content: "title,url\nX,https://x.example\n" },
				/not a SmartPages export/,
			],
			[
				{ source: "smartpages", content: '{"version":2,"pages":[],"links":[]}' },
				/format version 2/,
			],
			[{ source: "smartpages", content: '{"pages":[],"links":[]}' }, /no pages/],
		] as const;
		for (const [body, reason] of cases) {
			const res = await call("POST /import/preview", { as: owner, body });
			expect(res.status).toBe(400);
			expect(res.error.fields?.content).toMatch(reason);
		}
		expect(await pagesOf(owner)).toEqual([]);
	});
});

describe("security", () => {
	it("never fetches an address off the allow-list: http, localhost, IP literals, private names, other hosts", async () => {
		const owner = await account("pro");
		const asked = network({});
		for (const url of [
			"http://linktr.ee/anna",
			"https://localhost/",
			"https://127.0.0.1/admin",
			"https://10.0.0.8/",
			"https://169.254.169.254/latest/meta-data/",
			"https://[::1]/",
			"https://metadata.google.internal/",
			"https://evil.example/anna",
			"https://linktr.ee.evil.example/anna",
			"https://linktr.ee:8443/anna",
			"file:///etc/passwd",
		]) {
			const res = await call("POST /import/preview", { as: owner, body: { source: "url", url } });
			expect(res.status, url).toBe(400);
			expect(res.error.fields?.url, url).toBeDefined();
		}
		expect(asked).toEqual([]);
	});

	it("does not follow a redirect to another host (or to http), and stops after 3 redirects", async () => {
		const owner = await account("pro");
		const asked = network({
			"https://linktr.ee/a": () => redirect("https://evil.example/steal"),
			"https://linktr.ee/b": () => redirect("http://linktr.ee/b", 302),
			"https://linktr.ee/c": () => redirect("https://169.254.169.254/", 307),
			"https://linktr.ee/d": () => redirect("/e"),
			"https://linktr.ee/e": () => redirect("/f"),
			"https://linktr.ee/f": () => redirect("/g"),
			"https://linktr.ee/g": () => redirect("/h"),
		});
		for (const [url, reason] of [
			["https://linktr.ee/a", /redirects to another site/],
			["https://linktr.ee/b", /redirects to another site/],
			["https://linktr.ee/c", /redirects to another site/],
			["https://linktr.ee/d", /redirects too often/],
		] as const) {
			const res = await call("POST /import/preview", { as: owner, body: { source: "url", url } });
			expect(res.status, url).toBe(400);
			expect(res.error.fields?.url).toMatch(reason);
		}
		expect(asked.map((a) => a.url)).not.toContain("https://evil.example/steal");
		expect(asked.every((a) => a.redirect === "manual")).toBe(true);
	});

	it("reads at most 1 MiB of HTML, and a site that fails or is unreachable is a 400, not a 5xx", async () => {
		const owner = await account("pro");
		network({
			"https://linktr.ee/big": () => html(`<html>${"x".repeat(1024 * 1024 + 1)}</html>`),
			"https://linktr.ee/json": () =>
				new Response("{}", { headers: { "Content-Type": "application/json" } }),
			"https://linktr.ee/gone": () => html("not found", 404),
			"https://linktr.ee/broken": () => html("oops", 500),
			"https://linktr.ee/plain": () => html("<html><body>no data</body></html>"),
		});
		for (const [url, reason] of [
			["https://linktr.ee/big", /larger than 1 MiB/],
			["https://linktr.ee/json", /not an HTML page/],
			["https://linktr.ee/gone", /404/],
			["https://linktr.ee/broken", /500/],
			["https://linktr.ee/plain", /no Linktree profile data/],
			["https://linktr.ee/unreachable", /could not be reached/],
		] as const) {
			const res = await call("POST /import/preview", { as: owner, body: { source: "url", url } });
			expect(res.status, url).toBe(400);
			expect(res.error.fields?.url, url).toMatch(reason);
		}
	});

	it("hostile items are dropped or kept as text: the draft's preview carries no script of theirs", async () => {
		const owner = await account("pro");
		const content = [
			"title,url",
			'"<script>alert(1)</script>",https://example.com/x',
			'"<img src=x onerror=alert(1)>",https://example.com/y',
			"Evil,javascript:alert(1)",
			"Data,data:text/html;base64,PHNjcmlwdD4=",
			`${"Long ".repeat(60)},https://example.com/long`,
		].join("\n");
		const res = await call("POST /import", { as: owner, body: { source: "csv", content } });
		expect(res.status, res.text).toBe(201);
		expect(res.body).toMatchObject({ links: 3, droppedTotal: 2, shortened: 1 });
		const id = res.body.pages[0]?.id ?? "";
		const preview = await raw("GET", `/pages/${id}/preview`, { as: owner });
		expect(preview.status).toBe(200);
		expect(preview.text).not.toContain("<script>alert(1)");
		expect(preview.text).not.toContain("<img src=x");
		expect(preview.text).not.toContain("javascript:");
	});

	it("two imports at once on Free: one page is created, the other import is refused (402)", async () => {
		const owner = await account("free");
		const body = { source: "csv", content: CSV };
		const answers = await Promise.all([
			call("POST /import", { as: owner, body }),
			call("POST /import", { as: owner, body }),
		]);
		expect(answers.map((a) => a.status).sort()).toEqual([201, 402]);
		const pages = await pagesOf(owner);
		expect(pages).toHaveLength(1);
		expect(await itemsOf(owner, pages[0]?.id ?? "")).toHaveLength(2);
	});

	it("imports only into the caller's account, and needs a session", async () => {
		const owner = await account("pro");
		const other = await account("pro");
		expect(
			(await call("POST /import", { as: owner, body: { source: "csv", content: CSV } })).status,
		).toBe(201);
		expect(await pagesOf(other)).toEqual([]);
		const anonymous = await call("POST /import", { body: { source: "csv", content: CSV } });
		expect(anonymous.status).toBe(401);
	});
});
