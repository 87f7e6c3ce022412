/**
 * Issue 18.4 and 18.5 in the renderer: social icons (inline SVG, named for screen readers in both
 * languages, direct `rel="me"` links, above or below the links), the footer's legal links (which
 * replace the free-text imprint and privacy URL), the four legal pages' HTML, an XSS corpus
 * through every legal field, and the 14 KB budget with every icon, 20 links and the legal footer.
 */
import { type LegalResource, SOCIAL_NETWORKS, type Social } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { renderLegalPages } from "../src/publish/legal";
import { type RenderInput, renderPage } from "../src/publish/render";
import { ICONS } from "../src/publish/socials";
import { stylesheet } from "../src/publish/themes";

const LEGAL: LegalResource = {
	name: "Anna Beispiel",
	street: "Musterstraße 1",
	postalCode: "10115",
	city: "Berlin",
	country: "DE",
	email: "anna@example.org",
	phone: "+49 30 1234567",
	vatId: "DE123456789",
	register: "HRB 12345",
	registerCourt: "Amtsgericht Charlottenburg",
	responsible: "Anna Beispiel, Musterstraße 1, 10115 Berlin",
};

const ALL_SOCIALS: Social[] = SOCIAL_NETWORKS.map((network) => ({
	network,
	url: network === "email" ? "mailto:anna@example.org" : `https://example.org/${network}`,
}));

const base: RenderInput = {
	lang: "de",
	page: { title: "Annas Links", description: "", theme: "light" },
	profile: {
		handle: "anna",
		displayName: "Anna Beispiel",
		bio: "Designerin in Berlin",
		socials: [
			{ network: "instagram", url: "https://instagram.com/anna" },
			{ network: "email", url: "mailto:anna@example.org" },
		],
		imprint: "Alter Freitext",
		privacyUrl: "https://example.com/privacy",
	},
	links: [
		{
			id: "ln_portfolio000000000000",
			title: "Portfolio",
			url: "https://example.com/",
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
	`javascript:alert(1)`,
	`&lt;script&gt;`,
];

const tags = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1]).join(",");

describe("social icons", () => {
	it("has a short single-path icon for every network", () => {
		for (const network of SOCIAL_NETWORKS) {
			expect(ICONS[network].length).toBeGreaterThan(20);
			expect(ICONS[network].length).toBeLessThan(700);
		}
	});

	it("renders inline SVG icons named in German, linking straight to the network", async () => {
		const { html } = await renderPage(base);
		expect(html).toContain('<ul class="socials" aria-label="Soziale Medien">');
		expect(html).toContain(
			'<a href="https://instagram.com/anna" rel="me noopener noreferrer"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="',
		);
		expect(html).toMatch(/<\/svg><span>Instagram<\/span><\/a>/);
		expect(html).toMatch(
			/href="mailto:anna@example.org" rel="me noopener noreferrer"><svg[^>]*><path d="[^"]+"(?:\/>|><\/path>)<\/svg><span>E-Mail<\/span>/,
		);
		expect(html).not.toMatch(/<img[^>]+socials|font-face|<script/);
		// The icons come after the links by default.
		expect(html.indexOf('class="links"')).toBeLessThan(html.indexOf('class="socials"'));
	});

	it("names them in English for an English account", async () => {
		const { html } = await renderPage({ ...base, lang: "en" });
		expect(html).toContain('aria-label="Social media"');
		expect(html).toContain("<span>E-mail</span>");
	});

	it("puts the row above the links with placement top", async () => {
		const { html } = await renderPage({
			...base,
			profile: { ...base.profile, socialsPlacement: "top" },
		});
		expect(html).toContain('<ul class="socials top"');
		expect(html.indexOf('class="socials top"')).toBeLessThan(html.indexOf('class="links"'));
		expect(html.match(/class="socials/g)).toHaveLength(1);
	});

	it("renders no list without socials", async () => {
		const { html } = await renderPage({ ...base, profile: { ...base.profile, socials: [] } });
		expect(html).not.toContain('class="socials');
	});
});

describe("legal footer", () => {
	it("links the German legal pages and replaces the free-text imprint and privacy URL", async () => {
		const { html } = await renderPage({ ...base, profile: { ...base.profile, legal: LEGAL } });
		expect(html).toContain('<a href="/impressum">Impressum</a>');
		expect(html).toContain('<a href="/datenschutz">Datenschutzerklärung</a>');
		expect(html).not.toContain("Alter Freitext");
		expect(html).not.toContain("https://example.com/privacy");
	});

	it("links the English ones on an English page", async () => {
		const { html } = await renderPage({
			...base,
			lang: "en",
			profile: { ...base.profile, legal: LEGAL },
		});
		expect(html).toContain('<a href="/imprint">Imprint</a>');
		expect(html).toContain('<a href="/privacy">Privacy policy</a>');
	});

	it("keeps the old free-text imprint and privacy URL without legal", async () => {
		const { html } = await renderPage(base);
		expect(html).toContain("Alter Freitext");
		expect(html).toContain('href="https://example.com/privacy"');
		expect(html).not.toContain('href="/impressum"');
	});
});

describe("legal pages", () => {
	const render = (legal: LegalResource = LEGAL) =>
		renderLegalPages({ legal, siteName: "Anna Beispiel", css: stylesheet("forest") });

	it("renders the four pages in their languages, in the site's design, with no script", async () => {
		const pages = await render();
		expect(pages.map((p) => p.path)).toEqual(["impressum", "datenschutz", "imprint", "privacy"]);
		for (const page of pages) {
			const lang = page.path === "impressum" || page.path === "datenschutz" ? "de" : "en";
			expect(page.html.startsWith(`<!doctype html><html lang="${lang}">`)).toBe(true);
			expect(page.html.match(/<h1>/g)).toHaveLength(1);
			expect(page.html).not.toMatch(/<script|\son[a-z]+=/i);
			expect(page.html.match(/<style>/g)).toHaveLength(1);
			// The forest theme's background: the home page's design.
			expect(page.html).toContain("--bg:#ecfdf3");
			const css = /<style>([^<]*)<\/style>/.exec(page.html)?.[1] ?? "";
			const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
			expect(page.styleHash).toBe(`sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`);
			// Every page links the legal pages, and the way home.
			expect(page.html).toContain('<a href="/">');
			expect(page.html).toMatch(/<footer><p class="legal-links"><a href="\/(impressum|imprint)">/);
		}
	});

	it("states every Impressum field (§ 5 DDG, § 18 MStV) in German", async () => {
		const impressum = (await render())[0]?.html ?? "";
		for (const text of [
			"Angaben gemäß § 5 DDG",
			"Anna Beispiel",
			"Musterstraße 1",
			"10115 Berlin",
			"Deutschland",
			'<a href="mailto:anna@example.org">anna@example.org</a>',
			'<a href="tel:+49301234567">+49 30 1234567</a>',
			"Registergericht: Amtsgericht Charlottenburg",
			"Registernummer: HRB 12345",
			"§ 27a Umsatzsteuergesetz: DE123456789",
			"Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
			'<a href="/imprint" hreflang="en">English version</a>',
		])
			expect(impressum).toContain(text);
	});

	it("leaves out the optional sections that are not set", async () => {
		const { phone, vatId, register, registerCourt, responsible, ...minimal } = LEGAL;
		const [impressum, , imprint] = await render(minimal);
		for (const text of ["Telefon", "Registergericht", "Umsatzsteuer", "§ 18"])
			expect(impressum?.html).not.toContain(text);
		expect(imprint?.html).toContain("Germany");
	});

	it("describes what the site processes: no cookies, the anonymous statistics, Cloudflare, the controller", async () => {
		const [, datenschutz, , privacy] = await render();
		for (const text of [
			"keine Cookies",
			"IP-Adresse",
			"Geräteklasse",
			"Cloudflare, Inc.",
			"Auftragsverarbeiter",
			"Verantwortlich für die Verarbeitung",
			"Anna Beispiel",
			"Angeboten Dritter",
		])
			expect(datenschutz?.html).toContain(text);
		for (const text of [
			"no cookies",
			"device class",
			"Cloudflare, Inc.",
			"processor",
			"controller",
		])
			expect(privacy?.html).toContain(text);
	});

	it.each(XSS)("escapes %j in every legal field", async (payload) => {
		const hostile: LegalResource = {
			name: payload,
			street: payload,
			postalCode: payload,
			city: payload,
			country: payload,
			email: payload,
			phone: payload,
			vatId: payload,
			register: payload,
			registerCourt: payload,
			responsible: payload,
		};
		const pages = await renderLegalPages({
			legal: hostile,
			siteName: payload,
			css: stylesheet("light"),
		});
		const benign = await renderLegalPages({
			legal: Object.fromEntries(
				Object.keys(hostile).map((k) => [k, "x"]),
			) as unknown as LegalResource,
			siteName: "x",
			css: stylesheet("light"),
		});
		pages.forEach((page, i) => {
			expect(tags(page.html)).toBe(tags(benign[i]?.html ?? ""));
			expect(page.html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+=/i);
			expect(page.html.match(/<\/style>/g)).toHaveLength(1);
			expect(page.html.match(/<\/title>/g)).toHaveLength(1);
			expect(page.html).not.toMatch(/href="javascript:/i);
		});
	});
});

describe("weight", () => {
	it("keeps a 20-link home page with every social icon and the legal footer under 14 KB gzip", async () => {
		const links = Array.from({ length: 20 }, (_, i) => ({
			id: `ln_${String(i).padStart(20, "0")}`,
			title: `My favourite link number ${i + 1} with a longer title`,
			url: `https://example.com/a/fairly/long/path/${i + 1}?utm_source=smartpages`,
			enabled: true,
		}));
		const { html } = await renderPage({
			...base,
			profile: { ...base.profile, socials: ALL_SOCIALS, legal: LEGAL },
			links,
		});
		for (const network of SOCIAL_NETWORKS) expect(html).toContain(ICONS[network]);
		const gzipped = await new Response(
			new Blob([html]).stream().pipeThrough(new CompressionStream("gzip")),
		).arrayBuffer();
		// Measured 2026-12-03: see the report of issue 18; the budget is the page's, not the icons'.
		expect(gzipped.byteLength).toBeLessThan(14 * 1024);
		console.info(
			`20 links + ${ALL_SOCIALS.length} icons + legal footer: ${html.length} B, ${gzipped.byteLength} B gzip`,
		);
	});
});
