/**
 * A page's design (issue 18): colours, button shape and font, the six theme presets as design
 * values, and the WCAG 2.x contrast maths. It lives here so that the server's check (Core and
 * the Customer Worker), the renderer and the dashboard's live contrast read-out all compute the
 * same ratio: a colour the editor shows as passing is never refused by the server.
 */
import * as z from "zod";
import { THEMES, type Theme } from "./schemas/profile";

export const BUTTON_SHAPES = ["square", "rounded", "pill"] as const;
export type ButtonShape = (typeof BUTTON_SHAPES)[number];
/** System font stacks only: no web font is ever requested (one request for first render). */
export const DESIGN_FONTS = ["system", "serif", "mono", "rounded"] as const;
export type DesignFont = (typeof DESIGN_FONTS)[number];

/** WCAG 2.x AA for normal text. */
export const MIN_CONTRAST = 4.5;

/** `#rrggbb`, nothing else: the only colour syntax that reaches a stylesheet. */
export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

export interface Design {
	background: string;
	text: string;
	button: string;
	buttonText: string;
	buttonShape: ButtonShape;
	font: DesignFont;
	/** True while the page has an uploaded background image (set by its own upload route). */
	backgroundImage?: boolean;
}

/** The colour pairs that must contrast: foreground field, background field. */
export const CONTRAST_PAIRS = [
	["text", "background"],
	["buttonText", "button"],
] as const;

// ── contrast maths ────────────────────────────────────────────────────────────────────────────

function channels(hex: string): [number, number, number] {
	const n = Number.parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(r: number, g: number, b: number): string {
	const part = (v: number) =>
		Math.round(Math.min(255, Math.max(0, v)))
			.toString(16)
			.padStart(2, "0");
	return `#${part(r)}${part(g)}${part(b)}`;
}

/** Relative luminance of an sRGB `#rrggbb` colour (WCAG 2.x definition). */
export function relativeLuminance(hex: string): number {
	const [r, g, b] = channels(hex).map((c) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const la = relativeLuminance(a);
	const lb = relativeLuminance(b);
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The ratio rounded down to two decimals, as the editor and the error messages show it. */
export function formatRatio(ratio: number): string {
	return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

function toHsl(hex: string): [number, number, number] {
	const [r, g, b] = channels(hex).map((c) => c / 255) as [number, number, number];
	const max = Math.max(r, g, b);
	const min = Math.min(r, g, b);
	const l = (max + min) / 2;
	if (max === min) return [0, 0, l];
	const d = max - min;
	const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
	const h =
		max === r
			? ((g - b) / d + (g < b ? 6 : 0)) / 6
			: max === g
				? ((b - r) / d + 2) / 6
				: ((r - g) / d + 4) / 6;
	return [h, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
	if (s === 0) return toHex(l * 255, l * 255, l * 255);
	const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
	const p = 2 * l - q;
	const hue = (t0: number) => {
		const t = t0 < 0 ? t0 + 1 : t0 > 1 ? t0 - 1 : t0;
		if (t < 1 / 6) return p + (q - p) * 6 * t;
		if (t < 1 / 2) return q;
		if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
		return p;
	};
	return toHex(hue(h + 1 / 3) * 255, hue(h) * 255, hue(h - 1 / 3) * 255);
}

/**
 * The colour closest to `foreground` (same hue and saturation, only its HSL lightness moved, as
 * little as possible) that reaches `min` against `background`. Luminance grows with lightness, so
 * the passing lightnesses are an interval at each end; both are searched and the nearer wins.
 * Black or white always reaches 4.5:1 against any colour (√21 > 4.5), so there is an answer.
 */
export function nearestPassingColour(
	foreground: string,
	background: string,
	min: number = MIN_CONTRAST,
): string {
	if (contrastRatio(foreground, background) >= min) return foreground.toLowerCase();
	const [h, s, l] = toHsl(foreground);
	const passes = (lightness: number) => contrastRatio(fromHsl(h, s, lightness), background) >= min;
	const candidates: { lightness: number; distance: number }[] = [];
	// Darker: passing lightnesses are [0, a]; find the largest a.
	if (passes(0)) {
		let lo = 0;
		let hi = l;
		for (let i = 0; i < 24; i++) {
			const mid = (lo + hi) / 2;
			if (passes(mid)) lo = mid;
			else hi = mid;
		}
		candidates.push({ lightness: lo, distance: l - lo });
	}
	// Lighter: passing lightnesses are [b, 1]; find the smallest b.
	if (passes(1)) {
		let lo = l;
		let hi = 1;
		for (let i = 0; i < 24; i++) {
			const mid = (lo + hi) / 2;
			if (passes(mid)) hi = mid;
			else lo = mid;
		}
		candidates.push({ lightness: hi, distance: hi - l });
	}
	candidates.sort((a, b) => a.distance - b.distance);
	const best = candidates[0];
	if (best) return fromHsl(h, s, best.lightness);
	// Unreachable by the √21 argument; black or white as the safe answer all the same.
	return contrastRatio("#000000", background) >= min ? "#000000" : "#ffffff";
}

// ── presets ───────────────────────────────────────────────────────────────────────────────────

/** The six themes as design values: a page without a design of its own has its theme's. */
export const THEME_DESIGNS: Record<Theme, Design> = {
	light: {
		background: "#f7f7f8",
		text: "#18181b",
		button: "#ffffff",
		buttonText: "#18181b",
		buttonShape: "rounded",
		font: "system",
	},
	dark: {
		background: "#111113",
		text: "#f4f4f5",
		button: "#27272a",
		buttonText: "#f4f4f5",
		buttonShape: "rounded",
		font: "system",
	},
	sunset: {
		background: "#fff1e6",
		text: "#3b1d0f",
		button: "#c2410c",
		buttonText: "#ffffff",
		buttonShape: "rounded",
		font: "system",
	},
	forest: {
		background: "#ecfdf3",
		text: "#052e16",
		button: "#15803d",
		buttonText: "#ffffff",
		buttonShape: "rounded",
		font: "system",
	},
	ocean: {
		background: "#eff6ff",
		text: "#0c1e3e",
		button: "#1d4ed8",
		buttonText: "#ffffff",
		buttonShape: "rounded",
		font: "system",
	},
	mono: {
		background: "#ffffff",
		text: "#000000",
		button: "#000000",
		buttonText: "#ffffff",
		buttonShape: "rounded",
		font: "system",
	},
};

/** The theme names in the order the editor shows their swatches. */
export const DESIGN_PRESETS: readonly Theme[] = THEMES;

// ── schema ────────────────────────────────────────────────────────────────────────────────────

const colour = z
	.string({ error: "must be a colour as #rrggbb" })
	.regex(HEX_COLOUR, { error: "must be a colour as #rrggbb" })
	.transform((s) => s.toLowerCase());

/**
 * `PATCH /pages/:id {design}`: every colour as `#rrggbb` (lower-cased when stored), and both pairs
 * at least 4.5:1. A pair below it names both of its fields, each with the ratio it has, so
 * `fields` reads `{"design.text": "…", "design.background": "…"}` at Core. `backgroundImage` is
 * accepted (a client may send back what it read) but only the background routes change it.
 */
export const designSchema = z
	.strictObject({
		background: colour,
		text: colour,
		button: colour,
		buttonText: colour,
		buttonShape: z.enum(BUTTON_SHAPES, { error: `must be one of ${BUTTON_SHAPES.join(", ")}` }),
		font: z.enum(DESIGN_FONTS, { error: `must be one of ${DESIGN_FONTS.join(", ")}` }),
		backgroundImage: z.boolean({ error: "must be true or false" }).optional(),
	})
	.superRefine((design, ctx) => {
		for (const [fg, bg] of CONTRAST_PAIRS) {
			const ratio = contrastRatio(design[fg], design[bg]);
			if (ratio >= MIN_CONTRAST) continue;
			const shown = formatRatio(ratio);
			ctx.addIssue({
				code: "custom",
				path: [fg],
				message: `has a contrast of ${shown} on ${bg}; at least 4.5:1 is needed`,
			});
			ctx.addIssue({
				code: "custom",
				path: [bg],
				message: `has a contrast of ${shown} with ${fg}; at least 4.5:1 is needed`,
			});
		}
	});
export type DesignInput = z.infer<typeof designSchema>;

/**
 * A stored design read back (D1 JSON), or null when it is missing or no longer valid — the page
 * then falls back to its theme's preset, so nothing unchecked ever reaches a stylesheet.
 */
export function parseStoredDesign(json: string | null): Design | null {
	if (!json) return null;
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return null;
	}
	const parsed = designSchema.safeParse(value);
	if (!parsed.success) return null;
	const { backgroundImage: _ignored, ...design } = parsed.data;
	return design;
}
