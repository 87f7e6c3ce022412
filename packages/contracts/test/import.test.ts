/**
 * Import parsers (issue 21) on stored fixture pages and files (test/fixtures/import; the network
 * is never reached): Linktree's `__NEXT_DATA__`, LittleLink and LinkStack button links, CSV files
 * as spreadsheets write them, SmartPages' own export — and hostile sources: scripts, `javascript:`
 * and `data:` addresses, over-long titles, 10,000 links. Plus the address allow-list Core checks
 * before it fetches anything, and the cut to the plan.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
	fitToPlan,
	IMPORT_MAX_DROPPED_LISTED,
	IMPORT_MAX_ITEMS,
	ImportFormatError,
	importAddress,
	parseCsv,
	parseLinktree,
	parseLittleLink,
	parseSmartPagesExport,
} from "../src/import";

const fixture = (name: string) =>
	readFileSync(new URL(`./fixtures/import/${name}`, import.meta.url), "utf8");

describe("Linktree", () => {
	it("reads the profile's blocks in order: headers, links, mailto; drops blocks without an address and the social icons", () => {
		const parsed = parseLinktree(fixture("linktree-anna.html"));
		expect(parsed.source).toBe("linktree");
		expect(parsed.pages).toHaveLength(1);
		const [page] = parsed.pages;
		expect(page?.title).toBe("Anna Kocht");
		expect(page?.description).toBe("Rezepte, Kurse und mein Kochbuch");
		expect(page?.links.map((l) => [l.kind, l.title, l.url])).toEqual([
			["header", "Neu diese Woche", undefined],
			["link", "Alle Rezepte", "https://annakocht.de/rezepte"],
			["link", "Mein Kochbuch 📕", "https://shop.annakocht.de/kochbuch?utm_source=linktree&amp=1"],
			["link", "Neues Video: Sauerteig", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
			["header", "Kontakt", undefined],
			["link", "E-Mail", "mailto:hallo@annakocht.de"],
			["link", "Kochkurse Berlin", "https://annakocht.de/kurse"],
		]);
		expect(parsed.dropped.map((d) => d.reason)).toEqual([
			"a Linktree form block without an address",
			"a social icon: add it under Profile → Social icons",
			"a social icon: add it under Profile → Social icons",
		]);
	});

	it("hostile: scripts are never read, javascript:/data:/vbscript:/file: and credentials are dropped, text is cleaned and shortened", () => {
		const parsed = parseLinktree(fixture("linktree-hostile.html"));
		const [page] = parsed.pages;
		// The page's own <a> and <script> are ignored: only __NEXT_DATA__ counts.
		expect(page?.links.map((l) => l.url)).toEqual([
			"https://example.com/fine",
			"https://example.com/long",
			"https://example.com/zw",
		]);
		// Markup stays text (escaped by the renderer when shown), invisible characters are gone.
		expect(page?.links[0]?.title).toBe("<b onmouseover=alert(1)>Bold</b>");
		expect(page?.links[1]?.title.length).toBeLessThanOrEqual(100);
		expect(page?.links[1]?.title.endsWith("…")).toBe(true);
		expect(page?.links[2]?.title).toBe("Zero width bell");
		expect(page?.title).not.toMatch(/[\u202a-\u202e]/);
		expect(parsed.shortened).toBe(1);
		expect(parsed.dropped.map((d) => d.title)).toEqual([
			"Click me",
			"Data",
			"JaVaScRiPt",
			"Tab trick",
			"VBScript",
			"File",
			"Credentials",
		]);
		for (const dropped of parsed.dropped) {
			expect(dropped.reason).toBe("the address must be an https:, http:, mailto: or tel: URL");
		}
	});

	it("refuses a page without Linktree data, or with broken data", () => {
		expect(() => parseLinktree("<html><body>Hi</body></html>")).toThrow(ImportFormatError);
		expect(() =>
			parseLinktree('<script id="__NEXT_DATA__" type="application/json">{broken</script>'),
		).toThrow(ImportFormatError);
		expect(() =>
			parseLinktree('<script id="__NEXT_DATA__" type="application/json">{"props":{}}</script>'),
		).toThrow("this page has no Linktree links");
	});

	it("10,000 links: the first 1,000 are read, the rest counted, nothing thrown", () => {
		const links = Array.from({ length: 10_000 }, (_, i) => ({
			type: "CLASSIC",
			title: `Link ${i}`,
			position: i,
			url: `https://example.com/${i}`,
		}));
		const html = `<script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ props: { pageProps: { account: { username: "many" }, links } } })}</script>`;
		const parsed = parseLinktree(html);
		expect(parsed.pages[0]?.links).toHaveLength(IMPORT_MAX_ITEMS);
		expect(parsed.overflow.links).toBe(9_000);
		const fitted = fitToPlan(parsed, {
			plan: "free",
			maxPages: 1,
			maxLinksPerPage: 15,
			existingPages: 0,
		});
		expect(fitted.pages[0]?.links).toHaveLength(15);
		expect(fitted.pages[0]?.links[14]?.title).toBe("Link 14");
		expect(fitted.trimmed).toEqual({
			pages: 0,
			links: 9_985,
			plan: "free",
			maxPages: 1,
			maxLinksPerPage: 15,
		});
	});
});

describe("LittleLink and LinkStack", () => {
	it("reads LittleLink's button links, name and bio; comments and scripts are not read; # and javascript: are dropped", () => {
		const parsed = parseLittleLink(fixture("littlelink-jonas.html"), "https://littlelink.io/");
		const [page] = parsed.pages;
		expect(page?.title).toBe("Jonas Berger");
		expect(page?.description).toBe("Hochzeits- & Porträtfotografie aus Leipzig.");
		expect(page?.links.map((l) => [l.title, l.url])).toEqual([
			["Website", "https://jonasberger.de/"],
			["Instagram", "https://www.instagram.com/jonas.berger.foto/"],
			["Preise & Pakete", "https://jonasberger.de/preise?ref=littlelink&lang=de"],
			["E-Mail", "mailto:hallo@jonasberger.de"],
			["Anrufen", "tel:+4934112345678"],
		]);
		expect(parsed.dropped.map((d) => [d.title, d.reason])).toEqual([
			["Bald", "a button that leads nowhere"],
			["Kontaktformular", "the address must be an https:, http:, mailto: or tel: URL"],
		]);
	});

	it("unwraps LinkStack's /going/ redirects and resolves relative ones on the page's site", () => {
		const parsed = parseLittleLink(
			fixture("linkstack-mara.html"),
			"https://demo.linkstack.org/@mara",
		);
		expect(parsed.pages[0]?.title).toBe("Mara");
		expect(parsed.pages[0]?.links.map((l) => [l.title, l.url])).toEqual([
			["SoundCloud", "https://soundcloud.com/mara-dj"],
			["Spotify", "https://open.spotify.com/artist/4Z8W4fKeB5YxbusRsdQVPb"],
			["Booking", "https://mara-dj.de/booking"],
		]);
	});

	it("refuses a page without button links", () => {
		expect(() =>
			parseLittleLink("<a href='https://x.example'>x</a>", "https://littlelink.io/"),
		).toThrow(ImportFormatError);
	});
});

describe("CSV", () => {
	it("reads what a German spreadsheet writes: BOM, ';', quotes with \"\" and line breaks, extra columns", () => {
		const parsed = parseCsv(fixture("links-excel-de.csv"), "Meine Links");
		const [page] = parsed.pages;
		expect(page?.title).toBe("Meine Links");
		expect(page?.links.map((l) => [l.title, l.url])).toEqual([
			["Shop; Sale", "https://example.com/shop"],
			["Blog", "https://example.com/blog"],
			["Line break", "https://example.com/lines"],
			["example.com", "https://example.com/untitled"],
		]);
		expect(parsed.dropped).toEqual([
			{
				title: "Bad",
				url: "javascript:alert(1)",
				reason: "the address must be an https:, http:, mailto: or tel: URL",
			},
		]);
	});

	it("reads a plain comma file with a header, and a file without one", () => {
		expect(parseCsv(fixture("links-plain.csv")).pages[0]?.links.map((l) => l.title)).toEqual([
			"Website",
			"Newsletter, monthly",
			"Mail",
		]);
		const headless = parseCsv("Shop,https://example.com/shop\nhttps://example.com/only\n");
		expect(headless.pages[0]?.links.map((l) => [l.title, l.url])).toEqual([
			["Shop", "https://example.com/shop"],
			["example.com", "https://example.com/only"],
		]);
	});

	it("10,000 rows and hostile cells: never throws, lists at most 50 drops and counts them all", () => {
		const rows = Array.from({ length: 10_000 }, (_, i) =>
			i % 2 === 0 ? `"=HYPERLINK(""x"")",data:text/html,${i}` : `Row ${i},https://example.com/${i}`,
		);
		const parsed = parseCsv(`title,url\n${rows.join("\n")}`);
		expect(parsed.pages[0]?.links).toHaveLength(1000);
		expect(parsed.dropped).toHaveLength(IMPORT_MAX_DROPPED_LISTED);
		// Rows past the 1,000th kept item are counted as cut, not checked one by one.
		expect(parsed.droppedTotal).toBe(1000);
		expect(parsed.overflow.links).toBe(8000);
	});
});

describe("SmartPages export", () => {
	it("reads every page with its items, home page first; images and bad items are dropped with a reason", () => {
		const parsed = parseSmartPagesExport(fixture("smartpages-export.json"));
		expect(parsed.pages.map((p) => [p.title, p.slug, p.theme])).toEqual([
			["Alex Rivera", "alex", "dark"],
			["Workshops", "workshops", "forest"],
		]);
		const [home, workshops] = parsed.pages;
		expect(home?.design).toEqual({
			background: "#101820",
			text: "#f2f2f2",
			button: "#fee715",
			buttonText: "#101820",
			buttonShape: "pill",
			font: "rounded",
		});
		expect(home?.links).toEqual([
			{
				kind: "header",
				title: "Read",
				enabled: true,
				highlight: false,
				startsAt: null,
				endsAt: null,
			},
			{
				kind: "link",
				title: "Newsletter",
				url: "https://alex.example/newsletter",
				enabled: true,
				highlight: true,
				startsAt: null,
				endsAt: null,
			},
			{
				kind: "link",
				title: "Black Friday",
				url: "https://alex.example/sale",
				enabled: false,
				highlight: false,
				startsAt: "2026-11-27T00:00:00.000Z",
				endsAt: "2026-11-30T23:00:00.000Z",
			},
		]);
		expect(workshops?.links.map((l) => l.title)).toEqual(["Book a seat"]);
		expect(parsed.dropped.map((d) => d.title)).toEqual([
			"Black Friday",
			"Alex Rivera: background image",
			"Tampered",
		]);
	});

	it("refuses what is not an export, and a newer format version", () => {
		expect(() => parseSmartPagesExport("not json")).toThrow("not JSON");
		expect(() => parseSmartPagesExport('{"pages": 1, "links": []}')).toThrow(ImportFormatError);
		expect(() => parseSmartPagesExport('{"version": 2, "pages": [], "links": []}')).toThrow(
			"format version 2",
		);
		// Issue 19's exports had no format marker: still read.
		expect(
			parseSmartPagesExport('{"pages": [{"id": "p", "title": "Old"}], "links": []}').pages,
		).toHaveLength(1);
	});

	it("cuts to the plan: pages beyond the account's room and links beyond a page's limit", () => {
		const parsed = parseSmartPagesExport(fixture("smartpages-export.json"));
		const fitted = fitToPlan(parsed, {
			plan: "free",
			maxPages: 1,
			maxLinksPerPage: 2,
			existingPages: 0,
		});
		expect(fitted.pages.map((p) => p.title)).toEqual(["Alex Rivera"]);
		expect(fitted.pages[0]?.links).toHaveLength(2);
		expect(fitted.trimmed).toMatchObject({ pages: 1, links: 2 });
	});
});

describe("the addresses Core fetches", () => {
	it("allows the known hosts over https, with or without the scheme typed", () => {
		for (const [input, parser, href] of [
			["linktr.ee/annakocht", "linktree", "https://linktr.ee/annakocht"],
			["https://www.linktr.ee/annakocht#x", "linktree", "https://www.linktr.ee/annakocht"],
			["https://littlelink.io/", "littlelink", "https://littlelink.io/"],
			["https://demo.linkstack.org/@mara", "littlelink", "https://demo.linkstack.org/@mara"],
		] as const) {
			const checked = importAddress(input);
			expect(checked, input).toMatchObject({ ok: true, parser });
			expect(checked.ok && checked.url.href).toBe(href);
		}
	});

	it("refuses http, other hosts, IP literals, localhost, private names, ports and credentials", () => {
		for (const input of [
			"http://linktr.ee/anna",
			"https://evil.example/anna",
			"https://linktr.ee.evil.example/",
			"https://127.0.0.1/",
			"https://2130706433/",
			"https://0x7f.1/",
			"https://[::1]/",
			"https://10.0.0.8/",
			"https://169.254.169.254/latest/meta-data/",
			"https://localhost/",
			"https://linktr.ee.localhost/",
			"https://printer.local/",
			"https://metadata.google.internal/",
			"https://intranet/",
			"https://linktr.ee:8443/anna",
			"https://user:pw@linktr.ee/anna",
			"https://linktr.ee./anna",
			"file:///etc/passwd",
			"javascript:alert(1)",
			"",
			`https://linktr.ee/${"a".repeat(3000)}`,
		]) {
			expect(importAddress(input).ok, input).toBe(false);
		}
	});
});
