/**
 * The renderer with a page design (issue 18): the stylesheet is generated from the design (its
 * colours, button shape and system font stack, no web font), every preset and accepted custom
 * design keeps WCAG AA on every text/background pair of the CSS, a hostile colour or image URL
 * can never reach the stylesheet, and a link thumbnail renders as a decorative 40 × 40 image.
 */
import {
	contrastRatio,
	type Design,
	designSchema,
	MIN_CONTRAST,
	THEME_DESIGNS,
	THEMES,
	type Theme,
} from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { type RenderInput, renderPage } from "../src/publish/render";
import { stylesheet } from "../src/publish/themes";

const THUMB = `https://anna.smartpages.example/_assets/${"b".repeat(64)}.webp`;

const base: RenderInput = {
	lang: "de",
	page: { title: "Annas Links", description: "", theme: "light" },
	profile: {
		handle: "anna",
		displayName: "Anna Example",
		bio: "Designerin in Berlin",
		socials: [{ network: "github", url: "https://github.com/anna" }],
		imprint: "Anna Example",
		privacyUrl: "https://example.com/privacy",
	},
	links: [
		{
			id: "ln_portfolio000000000000",
			title: "Portfolio",
			url: "https://example.com/",
			enabled: true,
			thumbnailUrl: THUMB,
		},
		{ id: "ln_mail000000000000000000", title: "Mail", url: "mailto:a@example.com", enabled: true },
	],
	canonicalUrl: "https://anna.smartpages.example/",
};

const CUSTOM: Design = {
	background: "#fdf6e3",
	text: "#073642",
	button: "#6c2f8f",
	buttonText: "#ffffff",
	buttonShape: "square",
	font: "mono",
};

function cssOf(html: string): string {
	return /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? "";
}

/** The custom properties of the stylesheet's :root rule. */
function vars(css: string): Record<string, string> {
	const root = /:root\{([^}]*)\}/.exec(css)?.[1] ?? "";
	return Object.fromEntries(
		root.split(";").map((d) => {
			const [k = "", v = ""] = d.split(":");
			return [k, v];
		}),
	);
}

/** Every foreground/background pair the stylesheet puts text on. */
function expectAccessible(css: string) {
	const v = vars(css);
	for (const [fg, bg] of [
		["--fg", "--bg"],
		["--muted", "--bg"],
		["--accent", "--bg"],
		["--btn-fg", "--btn"],
	] as const) {
		const a = v[fg] ?? "";
		const b = v[bg] ?? "";
		expect(a, fg).toMatch(/^#[0-9a-f]{6}$/);
		expect(contrastRatio(a, b), `${fg} on ${bg}`).toBeGreaterThanOrEqual(MIN_CONTRAST);
	}
}

describe("design in the stylesheet", () => {
	it.each(THEMES)("the %s preset renders with every pair at AA", async (theme) => {
		const { html } = await renderPage({ ...base, page: { ...base.page, theme } });
		const css = cssOf(html);
		expect(css).toContain(`--bg:${THEME_DESIGNS[theme].background}`);
		expectAccessible(css);
	});

	it("a custom design's colours, shape and font are in the CSS, every pair at AA", async () => {
		const { html } = await renderPage({ ...base, page: { ...base.page, design: CUSTOM } });
		const css = cssOf(html);
		for (const colour of [CUSTOM.background, CUSTOM.text, CUSTOM.button, CUSTOM.buttonText])
			expect(css).toContain(colour);
		expect(css).toContain("--radius:0");
		expect(css).toContain("ui-monospace");
		expectAccessible(css);
	});

	it("never requests a font", async () => {
		for (const font of ["system", "serif", "mono", "rounded"] as const) {
			const css = stylesheet("light", { design: { ...CUSTOM, font } });
			expect(css).not.toMatch(/@font-face|@import|url\(/);
		}
	});

	// Random accepted designs (the server refuses the rest): the preset tones fall back to the
	// text colour where they would not contrast, so no accepted design renders a failing pair.
	it("every accepted custom design keeps every pair at AA", () => {
		let seed = 7;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return `#${(seed % 0x1000000).toString(16).padStart(6, "0")}`;
		};
		let accepted = 0;
		for (let i = 0; i < 6000; i++) {
			const candidate = {
				...CUSTOM,
				background: random(),
				text: random(),
				button: random(),
				buttonText: random(),
			};
			if (!designSchema.safeParse(candidate).success) continue;
			accepted++;
			const theme = THEMES[i % THEMES.length] as Theme;
			expectAccessible(stylesheet(theme, { design: candidate }));
		}
		expect(accepted).toBeGreaterThan(40);
	});

	it.each([
		"red}body{display:none",
		"#ffffff;background:url(https://evil.example/x)",
		"</style><script>alert(1)</script>",
		"expression(alert(1))",
		"#ff0",
	])("a hostile colour %j never reaches the stylesheet", async (hostile) => {
		const design = { ...CUSTOM, text: hostile, button: hostile };
		const { html } = await renderPage({ ...base, page: { ...base.page, design } });
		const css = cssOf(html);
		expect(css).not.toContain(hostile);
		// The preset is used instead, whole.
		expect(vars(css)["--fg"]).toBe(THEME_DESIGNS.light.text);
		expect(html.match(/<\/style>/g)).toHaveLength(1);
		expect(html).not.toContain("<script>");
	});

	it.each([
		'https://anna.example/_assets/x.png") ; } body { display:none',
		"javascript:alert(1)",
		`https://evil.example/${"c".repeat(64)}.png`,
		`https://anna.example/_assets/${"c".repeat(64)}.png"`,
	])("a background URL that is not an asset URL is left out: %j", (url) => {
		const css = stylesheet("light", { design: CUSTOM, backgroundUrl: url });
		expect(css).not.toContain("url(");
	});

	it("puts the content on the design's background over a background image", () => {
		const url = `https://anna.example:8788/_assets/${"c".repeat(64)}.jpg`;
		const css = stylesheet("light", { design: CUSTOM, backgroundUrl: url });
		expect(css).toContain(`url("${url}")`);
		expect(css).toContain("main{background:var(--bg)");
	});
});

describe("thumbnails", () => {
	it("renders a decorative 40 × 40 image inside the link, the title as its name", async () => {
		const { html } = await renderPage(base);
		expect(html).toContain(
			`<a href="/_l/ln_portfolio000000000000" rel="noopener noreferrer"><img class="thumb" src="${THUMB}" alt="" width="40" height="40"/><span>Portfolio</span></a>`,
		);
		// A link without one is unchanged.
		expect(html).toContain('rel="noopener noreferrer">Mail</a>');
	});

	it("escapes a hostile thumbnail URL into the attribute", async () => {
		const { html } = await renderPage({
			...base,
			links: [
				{
					...(base.links[0] as RenderInput["links"][number]),
					thumbnailUrl: '"><script>x</script>',
				},
			],
		});
		expect(html).not.toContain("<script>");
		expect(html).toContain("&quot;&gt;&lt;script&gt;");
	});

	it("stays under 14 KB gzip with 20 links that all have thumbnails and a custom design", async () => {
		const links = Array.from({ length: 20 }, (_, i) => ({
			id: `ln_${String(i).padStart(20, "0")}`,
			title: `My favourite link number ${i + 1} with a longer title`,
			url: `https://example.com/a/fairly/long/path/${i + 1}?utm_source=smartpages`,
			enabled: true,
			thumbnailUrl: `https://anna.smartpages.example/_assets/${String(i).padStart(64, "0")}.png`,
		}));
		const { html } = await renderPage({ ...base, page: { ...base.page, design: CUSTOM }, links });
		const gzipped = await new Response(
			new Blob([html]).stream().pipeThrough(new CompressionStream("gzip")),
		).arrayBuffer();
		expect(gzipped.byteLength).toBeLessThan(14 * 1024);
	});
});

describe("design snapshot (reviewed in code review)", () => {
	it("renders a custom design with a thumbnail", async () => {
		const { html } = await renderPage({ ...base, page: { ...base.page, design: CUSTOM } });
		expect(html).toMatchSnapshot();
	});
});
