/**
 * Import over the running stack (issue 21): a CSV file becomes a draft page that publishes and is
 * served by the Domain Worker; an account's export, imported by another account (Pro, as on
 * another instance), gives the same pages and items; Core fetches nothing off its allow-list —
 * not the stack's own ports, not localhost — whatever the address says.
 */
import { describe, expect, it } from "vitest";
import { getWithHost, proAccount, stack, verifiedAccount } from "../support/api.ts";

const domainGet = (url: string) => getWithHost(url, stack.ports.domain);

describe("import", () => {
	it("a CSV file → preview → a draft page → published and served", async () => {
		const { api } = await verifiedAccount();
		const content = [
			"\ufefftitle;url",
			'"Shop; Sale";https://example.com/shop',
			"Blog;https://example.com/blog",
			"Evil;javascript:alert(1)",
		].join("\r\n");
		const body = { source: "csv", content, title: "Meine Links" } as const;
		const preview = await api.call("POST /import/preview", { body });
		expect(preview.status, preview.text).toBe(200);
		expect(preview.body.pages[0]?.links.map((l) => l.title)).toEqual(["Shop; Sale", "Blog"]);
		expect(preview.body.droppedTotal).toBe(1);
		expect((await api.call("GET /pages")).body.pages).toEqual([]);

		const imported = await api.call("POST /import", { body });
		expect(imported.status, imported.text).toBe(201);
		const page = imported.body.pages[0];
		expect(page).toMatchObject({ title: "Meine Links", status: "draft", isHome: true });
		const published = await api.call("POST /pages/:id/publish", { params: { id: page?.id ?? "" } });
		expect(published.status, published.text).toBe(200);
		const served = await domainGet(published.body.url);
		expect(served.status).toBe(200);
		const html = await served.text();
		expect(html).toContain("Shop; Sale");
		expect(html).toContain("Blog");
		expect(html).not.toContain("javascript:");
	});

	it("#21.4 export → import on another account: the same pages and items", async () => {
		const source = await proAccount();
		const home = (await source.api.call("POST /pages", { body: { title: "Alex" } })).body.page;
		await source.api.call("PATCH /pages/:id", {
			params: { id: home.id },
			body: { description: "Alles an einem Ort", theme: "ocean" },
		});
		for (const body of [
			{ kind: "header", title: "Lesen" },
			{ title: "Newsletter", url: "https://alex.example/news", highlight: true },
			{ title: "Später", url: "https://alex.example/later", startsAt: "2031-01-01T00:00:00.000Z" },
			{ title: "Aus", url: "tel:+49301234567", enabled: false },
		] as const) {
			const res = await source.api.call("POST /pages/:id/links", { params: { id: home.id }, body });
			expect(res.status, res.text).toBe(201);
		}
		const other = (await source.api.call("POST /pages", { body: { title: "Workshops" } })).body
			.page;
		await source.api.call("POST /pages/:id/links", {
			params: { id: other.id },
			body: { title: "Buchen", url: "https://alex.example/book" },
		});
		const exported = await source.api.call("GET /me/export");
		expect(exported.status).toBe(200);
		expect(exported.body).toMatchObject({ format: "smartpages-export", version: 1 });

		const target = await proAccount();
		const imported = await target.api.call("POST /import", {
			body: { source: "smartpages", content: exported.text },
		});
		expect(imported.status, imported.text).toBe(201);
		expect(imported.body).toMatchObject({ links: 5, droppedTotal: 0 });

		const shape = async (api: typeof source.api) => {
			const pages = (await api.call("GET /pages")).body.pages;
			return Promise.all(
				pages.map(async (p) => ({
					page: [p.title, p.slug, p.description, p.theme, p.isHome],
					items: (await api.call("GET /pages/:id", { params: { id: p.id } })).body.links.map(
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
		};
		expect(await shape(target.api)).toEqual(await shape(source.api));
	});

	it("Core fetches nothing off its allow-list: the stack's own ports, localhost, http", async () => {
		const { api } = await verifiedAccount();
		for (const url of [
			`http://127.0.0.1:${stack.ports.core}/api/v1/health`,
			`https://127.0.0.1:${stack.ports.core}/`,
			`https://localhost:${stack.ports.domain}/`,
			"http://linktr.ee/anna",
			"https://example.com/anna",
		]) {
			const res = await api.call("POST /import/preview", { body: { source: "url", url } });
			expect(res.status, url).toBe(400);
			expect(res.error.fields?.url, url).toBeDefined();
		}
	});
});
