/**
 * The stylesheet of a published page, generated from its design (issue 18) as CSS custom
 * properties. The six themes are presets of the design (contracts/design `THEME_DESIGNS`); each
 * also keeps its own muted and accent tones, used while they still contrast with the page's
 * background (else the text colour), so every combination a customer can choose meets WCAG AA.
 * Fonts are system font stacks only: the page never requests a web font (one request for first
 * render). Nothing user-supplied reaches the CSS unchecked: colours must match `#rrggbb` and the
 * background image URL an asset URL, or the preset / no image is used instead.
 */
import {
	contrastRatio,
	type Design,
	type DesignFont,
	HEX_COLOUR,
	MIN_CONTRAST,
	THEME_DESIGNS,
	type Theme,
} from "@smartpages/contracts";
import { SOCIALS_CSS } from "./socials";

interface Palette {
	bg: string;
	fg: string;
	muted: string;
	button: string;
	buttonFg: string;
	accent: string;
}

/** Each preset's secondary tones (bio, footer, focus ring, social and footer links). */
const PRESET_TONES: Record<Theme, Pick<Palette, "muted" | "accent">> = {
	light: { muted: "#52525b", accent: "#4338ca" },
	dark: { muted: "#a1a1aa", accent: "#a5b4fc" },
	sunset: { muted: "#7c3f1d", accent: "#9a3412" },
	forest: { muted: "#166534", accent: "#14532d" },
	ocean: { muted: "#1e40af", accent: "#1e3a8a" },
	mono: { muted: "#404040", accent: "#000000" },
};

/** The palette of a design that started from `theme`. */
export function paletteFor(design: Design, theme: Theme): Palette {
	const safe = (["background", "text", "button", "buttonText"] as const).every((k) =>
		HEX_COLOUR.test(design[k]),
	)
		? design
		: THEME_DESIGNS[theme];
	const tones = PRESET_TONES[theme];
	const onBackground = (tone: string) =>
		contrastRatio(tone, safe.background) >= MIN_CONTRAST ? tone : safe.text;
	return {
		bg: safe.background,
		fg: safe.text,
		muted: onBackground(tones.muted),
		button: safe.button,
		buttonFg: safe.buttonText,
		accent: onBackground(tones.accent),
	};
}

/** The presets' palettes (their contrast is tested pair by pair). */
export const PALETTES = Object.fromEntries(
	Object.entries(THEME_DESIGNS).map(([theme, design]) => [
		theme,
		paletteFor(design, theme as Theme),
	]),
) as Record<Theme, Palette>;

const FONT_STACKS: Record<DesignFont, string> = {
	system: "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif",
	serif: "ui-serif,Georgia,Cambria,'Times New Roman',Times,serif",
	mono: "ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace",
	rounded: "ui-rounded,'SF Pro Rounded','Arial Rounded MT Bold',Quicksand,system-ui,sans-serif",
};

const RADII = { square: "0", rounded: ".75rem", pill: "999px" } as const;

/** An absolute URL of an asset on the site: the only thing `url(…)` may contain. */
const ASSET_URL = /^https?:\/\/[a-z0-9.-]+(:[0-9]+)?\/_assets\/[0-9a-f]{64}\.(png|jpg|webp|gif)$/;

export interface StyleOptions {
	/** The design to render; the theme's preset when absent. */
	design?: Design;
	/** Absolute URL of the page's background image, if it has one. */
	backgroundUrl?: string;
}

/** The page's single stylesheet. */
export function stylesheet(theme: Theme, options: StyleOptions = {}): string {
	const design = options.design ?? THEME_DESIGNS[theme];
	const p = paletteFor(design, theme);
	const font = FONT_STACKS[design.font] ?? FONT_STACKS.system;
	const radius = RADII[design.buttonShape] ?? RADII.rounded;
	const image =
		options.backgroundUrl && ASSET_URL.test(options.backgroundUrl) ? options.backgroundUrl : null;
	return [
		`:root{--bg:${p.bg};--fg:${p.fg};--muted:${p.muted};--btn:${p.button};--btn-fg:${p.buttonFg};--accent:${p.accent};--radius:${radius}}`,
		"*{box-sizing:border-box}",
		`body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 ${font}}`,
		"main,footer{max-width:36rem;margin:0 auto;padding:3rem 1.25rem 2rem;text-align:center}",
		// Over a background image the content sits on the design's background colour, so the
		// contrast the server checked is the contrast a visitor gets.
		...(image
			? [
					`body{background:var(--bg) url("${image}") center/cover fixed}`,
					"main{background:var(--bg);margin-top:2rem;border-radius:1rem}",
					"footer,.branding{background:var(--bg)}",
				]
			: []),
		".avatar{width:96px;height:96px;border-radius:50%;object-fit:cover;display:block;margin:0 auto 1rem}",
		"h1{font-size:1.5rem;margin:0 0 .25rem}",
		".bio{color:var(--muted);margin:0 0 1.75rem;white-space:pre-line}",
		".links{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}",
		".links a{display:block;padding:.9rem 1rem;border-radius:var(--radius);background:var(--btn);color:var(--btn-fg);text-decoration:none;font-weight:600;box-shadow:0 1px 2px rgb(0 0 0/.12);word-wrap:break-word}",
		".links a:has(.thumb){display:flex;align-items:center;gap:.75rem;padding:.5rem 1rem .5rem .5rem;text-align:left}",
		".thumb{width:40px;height:40px;flex:none;object-fit:cover;border-radius:calc(var(--radius)/2)}",
		".links a:hover,.links a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}",
		SOCIALS_CSS,
		".socials a,footer a{color:var(--accent)}",
		"footer{padding-top:0;font-size:.875rem;color:var(--muted)}",
		"footer details{margin:0 auto 1rem;max-width:28rem;text-align:left}",
		"footer summary{cursor:pointer;text-align:center}",
		".imprint{white-space:pre-line}",
		".branding{text-align:center;margin:0;padding:0 1.25rem 2rem;font-size:.875rem}",
		".badge{color:var(--accent);font-weight:600}",
	].join("");
}
