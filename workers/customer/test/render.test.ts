/**
 * The renderer: structure, escaping of an XSS corpus through every field, no script, and the
 * weight budget of a 20-link home page.
 */
import { injectBranding, THEMES } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { type RenderInput, renderPage } from "../src/publish/render";

const base: RenderInput = {
	lang: "en",
	page: { title: "Anna's links", description: "", theme: "light" },
	profile: {
		handle: "anna",
		displayName: "Anna Example",
		bio: "Designer in Berlin",
		socials: [{ network: "github", url: "https://github.com/anna" }],
		imprint: "Anna Example\nMusterstraße 1\n10115 Berlin",
		privacyUrl: "https://example.com/privacy",
		avatarUrl: `https://anna.smartpages.example/_assets/${"a".repeat(64)}.png`,
	},
	links: [
		{
			id: "ln_portfolio000000000000",
			title: "Portfolio",
			url: "https://example.com/",
			enabled: true,
		},
		{
			id: "ln_hidden0000000000000000",
			title: "Hidden",
			url: "https://example.com/hidden",
			enabled: false,
		},
		{
			id: "ln_mail000000000000000000",
			title: "Mail me",
			url: "mailto:anna@example.com",
			enabled: true,
		},
	],
	canonicalUrl: "https://anna.smartpages.example/",
};

const XSS = [
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`'><svg onload=alert(1)>`,
	`</style><script>alert(1)</script>`,
	`</title><script>alert(1)</script>`,
	`{{constructor.constructor('alert(1)')()}}`,
	`&lt;script&gt;`,
];

describe("renderPage", () => {
	it("renders the document structure: lang, one h1, landmarks, meta tags, enabled links in order", async () => {
		const { html } = await renderPage(base);
		expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
		expect(html.match(/<h1>/g)).toHaveLength(1);
		for (const tag of ["<main>", '<nav aria-label="Links">', "<footer>", "<header>"])
			expect(html).toContain(tag);
		expect(html).toMatch(/<link rel="canonical" href="https:\/\/anna\.smartpages\.example\/"\/?>/);
		expect(html).toContain('property="og:title"');
		expect(html).toContain('name="twitter:card"');
		const hrefs = [...html.matchAll(/<li><a href="([^"]+)" rel="noopener noreferrer">/g)].map(
			(m) => m[1],
		);
		// #17.2 Links go through the Domain Worker's /_l/ on the same host; socials stay direct.
		expect(hrefs).toEqual(["/_l/ln_portfolio000000000000", "/_l/ln_mail000000000000000000"]);
		expect(html).toContain('<a href="https://github.com/anna" rel="me noopener noreferrer">');
		expect(html).not.toContain("Hidden");
		expect(html).not.toContain("https://example.com/hidden");
	});

	it("#17.2 returns the link map of exactly the links the HTML shows", async () => {
		const { html, links } = await renderPage(base);
		expect(links).toEqual({
			ln_portfolio000000000000: "https://example.com/",
			ln_mail000000000000000000: "mailto:anna@example.com",
		});
		for (const id of Object.keys(links)) expect(html).toContain(`href="/_l/${id}"`);
		expect(Object.keys(links)).not.toContain("ln_hidden0000000000000000");
	});

	it("#17 the preview (linkHref direct): hrefs are the links' URLs, nothing else differs", async () => {
		const input: RenderInput = {
			...base,
			links: [
				...base.links,
				{
					id: "ln_shop000000000000000000",
					title: "Shop",
					url: `https://example.com/?a=1&b="2'`,
					enabled: true,
				},
			],
		};
		const published = await renderPage(input);
		const preview = await renderPage({ ...input, linkHref: "direct" });
		const attr = (v: string) =>
			v
				.replaceAll("&", "&amp;")
				.replaceAll('"', "&quot;")
				.replaceAll("'", "&#39;")
				.replaceAll("<", "&lt;")
				.replaceAll(">", "&gt;");
		let expected = published.html;
		for (const [id, url] of Object.entries(published.links)) {
			expected = expected.replace(`href="/_l/${id}"`, `href="${attr(url)}"`);
		}
		expect(preview.html).toBe(expected);
		expect(preview.html).not.toContain("/_l/");
		expect(preview.html).toContain('href="https://example.com/?a=1&amp;b=&quot;2&#39;"');
		expect(preview.links).toEqual(published.links);
		expect(preview.styleHash).toBe(published.styleHash);
		// Counted is the default: what publishing writes.
		expect((await renderPage({ ...input, linkHref: "counted" })).html).toBe(published.html);
	});

	it("contains no script at all and exactly one style element", async () => {
		const { html } = await renderPage(base);
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/\son[a-z]+=/i);
		expect(html.match(/<style>/g)).toHaveLength(1);
	});

	it("writes German texts for a German account and never bakes the badge into the page", async () => {
		const { html } = await renderPage({ ...base, lang: "de" });
		expect(html).toContain('lang="de"');
		expect(html).toContain("Impressum");
		expect(html).toContain("Datenschutzerklärung");
		expect(html).not.toContain("SmartPages</a>");
	});

	it("takes the badge (added at delivery) right before </body>, escaped", async () => {
		const { html } = await renderPage(base);
		const branded = injectBranding(html, { url: 'https://app.example/?a="><script>', lang: "de" });
		expect(branded).toMatch(
			/<p class="branding"><a class="badge" href="https:\/\/app\.example\/\?a=&quot;&gt;&lt;script&gt;">Erstellt mit SmartPages<\/a><\/p><\/body><\/html>$/,
		);
	});

	it.each(XSS)("escapes %j in every user field", async (payload) => {
		const { html } = await renderPage({
			...base,
			page: { title: payload, description: payload, theme: "dark" },
			profile: { ...base.profile, displayName: payload, bio: payload, imprint: payload },
			links: [{ id: "ln_x", title: payload, url: "https://example.com/?q=%22%3E", enabled: true }],
		});
		// Escaped text may spell "onerror=", but no real tag or attribute may appear.
		const tags = (h: string) => [...h.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1]).join(",");
		const benign = await renderPage({
			...base,
			page: { title: "t", description: "d", theme: "dark" },
			profile: { ...base.profile, displayName: "n", bio: "b", imprint: "i" },
			links: [{ id: "ln_x", title: "l", url: "https://example.com/?q=%22%3E", enabled: true }],
		});
		expect(tags(html)).toBe(tags(benign.html));
		// Attribute values are quoted; what is left outside quotes must hold no event handler.
		expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+=/i);
		expect(html.match(/<\/style>/g)).toHaveLength(1);
		expect(html.match(/<\/title>/g)).toHaveLength(1);
	});

	it.each(XSS)("#17 escapes %j in a link URL written directly (the preview)", async (payload) => {
		const render = (url: string) =>
			renderPage({
				...base,
				linkHref: "direct",
				links: [{ id: "ln_x", title: "l", url, enabled: true }],
			});
		const { html } = await render(`https://example.com/?q=${payload}`);
		const benign = await render("https://example.com/?q=x");
		const tags = (h: string) => [...h.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1]).join(",");
		expect(tags(html)).toBe(tags(benign.html));
		expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+=/i);
	});

	it.each(XSS)("#18.6 keeps %j inside the monogram favicon's data URL", async (payload) => {
		const { avatarUrl: _none, ...profile } = base.profile;
		const { html } = await renderPage({ ...base, profile: { ...profile, displayName: payload } });
		const icon = /<link rel="icon" href="([^"]*)"\/?>/.exec(html)?.[1] ?? "";
		expect(icon).toMatch(/^data:image\/svg\+xml,[A-Za-z0-9%._~!*()-]+$/);
		const svg = decodeURIComponent(icon.slice(icon.indexOf(",") + 1));
		// One element of each kind: the letter is text, never markup.
		expect([...svg.matchAll(/<([a-z]+)/g)].map((m) => m[1])).toEqual(["svg", "rect", "text"]);
	});

	it.each(THEMES)("renders the %s theme with a matching CSP hash", async (theme) => {
		const { html, styleHash } = await renderPage({ ...base, page: { ...base.page, theme } });
		const css = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? "";
		const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
		expect(styleHash).toBe(`sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`);
	});

	it("keeps a 20-link home page under 14 KB gzip (HTML + CSS)", async () => {
		const links = Array.from({ length: 20 }, (_, i) => ({
			id: `ln_${String(i).padStart(20, "0")}`,
			title: `My favourite link number ${i + 1} with a longer title`,
			url: `https://example.com/a/fairly/long/path/${i + 1}?utm_source=smartpages`,
			enabled: true,
		}));
		const { html } = await renderPage({ ...base, links });
		const gzipped = await new Response(
			new Blob([html]).stream().pipeThrough(new CompressionStream("gzip")),
		).arrayBuffer();
		expect(gzipped.byteLength).toBeLessThan(14 * 1024);
	});
});

describe("#18.6 favicon and sharing image", () => {
	const iconOf = (html: string) => /<link rel="icon" href="([^"]*)"\/?>/.exec(html)?.[1] ?? "";

	it("with an avatar: the avatar is the favicon and the Open Graph image", async () => {
		const { html } = await renderPage(base);
		const avatar = base.profile.avatarUrl ?? "";
		expect(iconOf(html)).toBe(avatar);
		expect(html).toContain(`<meta property="og:image" content="${avatar}"`);
		expect(html).toContain('<meta property="og:image:alt" content="Anna Example"');
		expect(html).toContain('<meta name="twitter:card" content="summary"');
		// The header image and the icon are one URL: the icon costs no request of its own.
		expect(html).toContain(`<img class="avatar" src="${avatar}"`);
	});

	it("without: a monogram of the name's first letter in the page's colours, no og:image", async () => {
		const { avatarUrl: _none, ...profile } = base.profile;
		const { html } = await renderPage({
			...base,
			page: { ...base.page, theme: "forest" },
			profile: { ...profile, displayName: "élise" },
		});
		expect(html).not.toContain("og:image");
		const icon = iconOf(html);
		expect(icon.startsWith("data:image/svg+xml,")).toBe(true);
		const svg = decodeURIComponent(icon.slice(icon.indexOf(",") + 1));
		expect(svg).toContain('fill="#052e16"');
		expect(svg).toContain('fill="#ecfdf3"');
		expect(svg).toMatch(/>É<\/text>/);
	});

	it("takes the page title when there is no display name, and whole graphemes", async () => {
		const { avatarUrl: _none, ...profile } = base.profile;
		const letter = async (displayName: string, title: string) => {
			const { html } = await renderPage({
				...base,
				page: { ...base.page, title },
				profile: { ...profile, displayName },
			});
			const icon = iconOf(html);
			return />([^<]*)<\/text>/.exec(decodeURIComponent(icon.slice(icon.indexOf(",") + 1)))?.[1];
		};
		expect(await letter("", "zoe's links")).toBe("Z");
		expect(await letter("👩🏽‍🎨 Studio", "x")).toBe("👩🏽‍🎨");
		expect(await letter("<b>", "x")).toBe("&lt;");
	});
});

describe("renderPage snapshot (reviewed in code review)", () => {
	it("renders the reference page", async () => {
		const { html, styleHash } = await renderPage(base);
		expect(styleHash).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
		expect(html.replace(/<style>[^<]*<\/style>/, "<style>…</style>")).toMatchSnapshot();
	});
});
