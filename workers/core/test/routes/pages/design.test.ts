/**
 * `PATCH /pages/:id {design}` (issue 18, src/routes/pages/pages.ts with the contracts' design
 * schema): a passing design is stored, read back and published as the page's CSS; a theme alone
 * resets the design to its preset; a bad design (wrong types, bad colours, low contrast) is a 400
 * naming the fields — both of a low-contrast pair — and nothing is stored; another account's page
 * is a 404 and stays as it was.
 */
import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest, THEME_DESIGNS } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { account, call, raw, withResources } from "../../support/request";

const CUSTOM = {
	background: "#fdf6e3",
	text: "#073642",
	button: "#6c2f8f",
	buttonText: "#ffffff",
	buttonShape: "pill",
	font: "serif",
} as const;

async function storedDesign(pageId: string): Promise<string | null> {
	const row = await env.TEST_DB.prepare("SELECT design FROM pages WHERE id = ?")
		.bind(pageId)
		.first<{ design: string | null }>();
	return row?.design ?? null;
}

describe("happy", () => {
	it("a page without a design answers its theme's preset", async () => {
		const owner = await withResources(await account("free"));
		const { page } = (await call("GET /pages/:id", { as: owner, params: { id: owner.pageId } }))
			.body;
		expect(page.design).toEqual({ ...THEME_DESIGNS.light, backgroundImage: false });
	});

	it("stores a passing design, publishes its colours and resets it with a theme alone", async () => {
		const owner = await withResources(await account("free"));
		const params = { id: owner.pageId };
		const patched = await call("PATCH /pages/:id", {
			as: owner,
			params,
			body: { design: { ...CUSTOM, background: "#FDF6E3" } },
		});
		expect(patched.status).toBe(200);
		expect(patched.body.page.design).toEqual({ ...CUSTOM, backgroundImage: false });
		expect(patched.body.page.hasUnpublishedChanges).toBe(true);
		expect((await call("GET /pages/:id", { as: owner, params })).body.page.design).toEqual({
			...CUSTOM,
			backgroundImage: false,
		});

		const published = await call("POST /pages/:id/publish", { as: owner, params });
		expect(published.status).toBe(200);
		const manifest = (await (
			await env.TEST_PAGES.get(r2Keys.manifest(owner.userId))
		)?.json()) as SiteManifest;
		const key = manifest.pages[""]?.key ?? "";
		const html = (await (await env.TEST_PAGES.get(key))?.text()) ?? "";
		for (const colour of [CUSTOM.background, CUSTOM.text, CUSTOM.button, CUSTOM.buttonText]) {
			expect(html).toContain(colour);
		}
		expect(html).toContain("--radius:999px");
		expect(html).toContain("ui-serif");

		// The export carries the stored design.
		const exported = await call("GET /me/export", { as: owner });
		expect(JSON.stringify(exported.body)).toContain("#fdf6e3");

		const reset = await call("PATCH /pages/:id", { as: owner, params, body: { theme: "ocean" } });
		expect(reset.body.page.theme).toBe("ocean");
		expect(reset.body.page.design).toEqual({ ...THEME_DESIGNS.ocean, backgroundImage: false });
		expect(await storedDesign(owner.pageId)).toBeNull();

		// Theme and design together: the design is the one sent, the theme its starting preset.
		const both = await call("PATCH /pages/:id", {
			as: owner,
			params,
			body: { theme: "dark", design: CUSTOM },
		});
		expect(both.body.page.theme).toBe("dark");
		expect(both.body.page.design.background).toBe(CUSTOM.background);
	});
});

describe("error", () => {
	it("white text on yellow is a 400 naming the pair, and nothing is stored", async () => {
		const owner = await withResources(await account("free"));
		const res = await call("PATCH /pages/:id", {
			as: owner,
			params: { id: owner.pageId },
			body: { design: { ...CUSTOM, text: "#ffffff", background: "#ffff00" } },
		});
		expect(res.status).toBe(400);
		expect(res.error.code).toBe("validation_failed");
		expect(Object.keys(res.error.fields ?? {}).sort()).toEqual([
			"design.background",
			"design.text",
		]);
		expect(res.error.fields?.["design.text"]).toContain("1.07:1");
		expect(await storedDesign(owner.pageId)).toBeNull();
	});

	it("low button contrast names design.button and design.buttonText", async () => {
		const owner = await withResources(await account("free"));
		const res = await call("PATCH /pages/:id", {
			as: owner,
			params: { id: owner.pageId },
			body: { design: { ...CUSTOM, button: "#777777", buttonText: "#888888" } },
		});
		expect(res.status).toBe(400);
		expect(Object.keys(res.error.fields ?? {}).sort()).toEqual([
			"design.button",
			"design.buttonText",
		]);
	});

	it.each([
		[{ ...CUSTOM, text: 0 }, "design.text"],
		[{ ...CUSTOM, text: "black" }, "design.text"],
		[{ ...CUSTOM, background: "#fff" }, "design.background"],
		[{ ...CUSTOM, background: "#ffffff;}body{display:none" }, "design.background"],
		[{ ...CUSTOM, button: "url(javascript:alert(1))" }, "design.button"],
		[{ ...CUSTOM, buttonShape: "circle" }, "design.buttonShape"],
		[{ ...CUSTOM, font: "Comic Sans" }, "design.font"],
		[{ ...CUSTOM, backgroundImage: "yes" }, "design.backgroundImage"],
		[{ ...CUSTOM, css: "x" }, "design.css"],
		[{ background: "#ffffff" }, "design.text"],
		["#ffffff", "design"],
		[null, "design"],
	])("refuses design %j naming %s", async (design, field) => {
		const owner = await withResources(await account("free"));
		const res = await call("PATCH /pages/:id", {
			as: owner,
			params: { id: owner.pageId },
			body: { design },
		});
		expect(res.status).toBe(400);
		expect(res.error.code).toBe("validation_failed");
		expect(Object.keys(res.error.fields ?? {})).toContain(field);
		expect(await storedDesign(owner.pageId)).toBeNull();
	});
});

describe("security", () => {
	it("another account's page is a 404 and keeps its design", async () => {
		const owner = await withResources(await account("free"));
		const other = await account("other");
		const res = await call("PATCH /pages/:id", {
			as: other,
			params: { id: owner.pageId },
			body: { design: CUSTOM },
		});
		expect(res.status).toBe(404);
		expect(await storedDesign(owner.pageId)).toBeNull();
	});

	it("a design the database somehow holds unchecked never reaches the stylesheet", async () => {
		const owner = await withResources(await account("free"));
		await env.TEST_DB.prepare("UPDATE pages SET design = ? WHERE id = ?")
			.bind(
				JSON.stringify({ ...CUSTOM, text: "red}</style><script>alert(1)</script>" }),
				owner.pageId,
			)
			.run();
		const preview = await raw("GET", `/pages/${owner.pageId}/preview`, { as: owner });
		const html = preview.text;
		expect(preview.status).toBe(200);
		expect(html).not.toContain("<script>");
		expect(html).toContain(`--fg:${THEME_DESIGNS.light.text}`);
	});
});
