/**
 * The renderer's page items (issue 18, publish/items.tsx): section headers as h2 inside the links
 * nav, the highlighted link, schedule windows deciding what a render at a given time shows and
 * what its link map holds, the next boundary the cron waits for, and the XSS corpus through
 * header titles.
 */
import { describe, expect, it } from "vitest";
import { nextBoundary, type RenderItem } from "../src/publish/items";
import { type RenderInput, renderPage } from "../src/publish/render";

const NOW = Date.parse("2026-12-03T12:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

const id = (name: string) => `ln_${name.padEnd(20, "0")}`;

const items: RenderItem[] = [
	{
		id: id("intro"),
		kind: "link",
		title: "Intro",
		url: "https://example.com/intro",
		enabled: true,
	},
	{ id: id("hmusic"), kind: "header", title: "Music", enabled: true },
	{
		id: id("album"),
		kind: "link",
		title: "New album",
		url: "https://example.com/album",
		enabled: true,
		highlight: true,
	},
	{
		id: id("expired"),
		kind: "link",
		title: "Presale (over)",
		url: "https://example.com/presale",
		enabled: true,
		startsAt: null,
		endsAt: at(-60_000),
	},
	{
		id: id("future"),
		kind: "link",
		title: "Tour tickets",
		url: "https://example.com/tour",
		enabled: true,
		startsAt: at(70_000),
		endsAt: null,
	},
	{ id: id("hempty"), kind: "header", title: "Empty section", enabled: true },
	{ id: id("hoff"), kind: "header", title: "Disabled section", enabled: false },
];

const base: RenderInput = {
	lang: "en",
	page: { title: "Band", description: "", theme: "light" },
	profile: {
		handle: "band",
		displayName: "The Band",
		bio: "",
		socials: [],
		imprint: "",
		privacyUrl: "",
	},
	links: items,
	canonicalUrl: "https://band.smartpages.example/",
};

const XSS = [
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`'><svg onload=alert(1)>`,
	`</h2></nav><script>alert(1)</script>`,
	`</style><script>alert(1)</script>`,
	`&lt;script&gt;`,
];

/** The part of the document inside the links nav. */
function nav(html: string): string {
	return /<nav aria-label="Links">(.*?)<\/nav>/s.exec(html)?.[1] ?? "";
}

describe("page items in the renderer", () => {
	it("renders headers as h2 between lists of their links inside the links nav, never an empty list", async () => {
		const { html } = await renderPage(base, NOW);
		expect(nav(html)).toBe(
			`<ul class="links"><li><a href="/_l/${id("intro")}" rel="noopener noreferrer">Intro</a></li></ul>` +
				`<h2 class="section">Music</h2>` +
				`<ul class="links"><li><a href="/_l/${id("album")}" rel="noopener noreferrer" class="hl">New album</a></li></ul>` +
				`<h2 class="section">Empty section</h2>`,
		);
		expect(html.match(/<h1>/g)).toHaveLength(1);
		expect(html).not.toContain("Disabled section");
		expect(html).not.toMatch(/<ul class="links"><\/ul>/);
	});

	it("emphasises the highlighted link with the button's own colours swapped, styles only what is used", async () => {
		const { html } = await renderPage(base, NOW);
		expect(html).toContain('class="hl"');
		expect(html).toContain(".links a.hl{background:var(--btn-fg);color:var(--btn)");
		expect(html).toContain(".section{");
		const plain = await renderPage(
			{ ...base, links: [{ id: id("a"), title: "A", url: "https://e.x/", enabled: true }] },
			NOW,
		);
		expect(plain.html).not.toContain(".hl");
		expect(plain.html).not.toContain(".section{");
	});

	it("shows a scheduled link only inside its window (start inclusive, end exclusive)", async () => {
		const before = await renderPage(base, NOW);
		expect(before.html).not.toContain("Presale (over)");
		expect(before.html).not.toContain("Tour tickets");
		const opened = await renderPage(base, NOW + 70_000);
		expect(opened.html).toContain("Tour tickets");
		const window: RenderItem = {
			id: id("w"),
			title: "Window",
			url: "https://e.x/w",
			enabled: true,
			startsAt: at(0),
			endsAt: at(1000),
		};
		const shows = async (t: number) =>
			(await renderPage({ ...base, links: [window] }, t)).html.includes("Window");
		expect(await shows(NOW - 1)).toBe(false);
		expect(await shows(NOW)).toBe(true);
		expect(await shows(NOW + 999)).toBe(true);
		expect(await shows(NOW + 1000)).toBe(false);
	});

	it("puts only the links shown at render time into the link map (no headers, nothing out of window)", async () => {
		expect((await renderPage(base, NOW)).links).toEqual({
			[id("intro")]: "https://example.com/intro",
			[id("album")]: "https://example.com/album",
		});
		expect((await renderPage(base, NOW + 70_000)).links).toEqual({
			[id("intro")]: "https://example.com/intro",
			[id("album")]: "https://example.com/album",
			[id("future")]: "https://example.com/tour",
		});
	});

	it("names the next boundary of an enabled item after the render time", () => {
		expect(nextBoundary(items, NOW)).toBe(at(70_000));
		expect(nextBoundary(items, NOW + 70_000)).toBeNull();
		expect(nextBoundary(items, NOW - 120_000)).toBe(at(-60_000));
		expect(
			nextBoundary([{ id: "x", title: "x", enabled: false, startsAt: at(5) }], NOW),
		).toBeNull();
	});

	it("renders a page of plain links exactly as before issue 18 (no kind stored)", async () => {
		const { html } = await renderPage(
			{ ...base, links: [{ id: id("a"), title: "A", url: "https://e.x/", enabled: true }] },
			NOW,
		);
		expect(nav(html)).toBe(
			`<ul class="links"><li><a href="/_l/${id("a")}" rel="noopener noreferrer">A</a></li></ul>`,
		);
	});

	it.each(XSS)("escapes %j in header and highlighted link titles", async (payload) => {
		const hostile = (title: string): RenderItem[] => [
			{ id: id("h"), kind: "header", title, enabled: true },
			{ id: id("l"), title, url: "https://e.x/", enabled: true, highlight: true },
		];
		const { html } = await renderPage({ ...base, links: hostile(payload) }, NOW);
		const benign = await renderPage({ ...base, links: hostile("t") }, NOW);
		const tags = (h: string) => [...h.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1]).join(",");
		expect(tags(html)).toBe(tags(benign.html));
		expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+=/i);
		expect(html.match(/<\/nav>/g)).toHaveLength(1);
		expect(html.match(/<\/h2>/g)).toHaveLength(1);
	});

	it("keeps 20 links with headers and a highlight under 14 KB gzip", async () => {
		const links: RenderItem[] = Array.from({ length: 20 }, (_, i) => ({
			id: `ln_${String(i).padStart(20, "0")}`,
			kind: i % 5 === 0 ? "header" : "link",
			title: `My favourite link number ${i + 1} with a longer title`,
			...(i % 5 === 0 ? {} : { url: `https://example.com/a/fairly/long/path/${i + 1}` }),
			enabled: true,
			highlight: i === 3,
		}));
		const { html } = await renderPage({ ...base, links }, NOW);
		const gzipped = await new Response(
			new Blob([html]).stream().pipeThrough(new CompressionStream("gzip")),
		).arrayBuffer();
		expect(gzipped.byteLength).toBeLessThan(14 * 1024);
	});

	it("renders the reference page with items (snapshot, reviewed in code review)", async () => {
		const { html } = await renderPage(base, NOW);
		expect(html.replace(/<style>[^<]*<\/style>/, "<style>…</style>")).toMatchSnapshot();
	});
});
