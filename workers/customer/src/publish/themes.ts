/**
 * Visual themes of published pages as CSS custom properties. All pairs meet WCAG AA contrast.
 */
import type { Theme } from "@smartpages/contracts";
import { SOCIALS_CSS } from "./socials";

interface Palette {
	bg: string;
	fg: string;
	muted: string;
	button: string;
	buttonFg: string;
	accent: string;
}

export const PALETTES: Record<Theme, Palette> = {
	light: {
		bg: "#f7f7f8",
		fg: "#18181b",
		muted: "#52525b",
		button: "#ffffff",
		buttonFg: "#18181b",
		accent: "#4338ca",
	},
	dark: {
		bg: "#111113",
		fg: "#f4f4f5",
		muted: "#a1a1aa",
		button: "#27272a",
		buttonFg: "#f4f4f5",
		accent: "#a5b4fc",
	},
	sunset: {
		bg: "#fff1e6",
		fg: "#3b1d0f",
		muted: "#7c3f1d",
		button: "#c2410c",
		buttonFg: "#ffffff",
		accent: "#9a3412",
	},
	forest: {
		bg: "#ecfdf3",
		fg: "#052e16",
		muted: "#166534",
		button: "#15803d",
		buttonFg: "#ffffff",
		accent: "#14532d",
	},
	ocean: {
		bg: "#eff6ff",
		fg: "#0c1e3e",
		muted: "#1e40af",
		button: "#1d4ed8",
		buttonFg: "#ffffff",
		accent: "#1e3a8a",
	},
	mono: {
		bg: "#ffffff",
		fg: "#000000",
		muted: "#404040",
		button: "#000000",
		buttonFg: "#ffffff",
		accent: "#000000",
	},
};

/** The page's single stylesheet for a theme. */
export function stylesheet(theme: Theme): string {
	const p = PALETTES[theme];
	return [
		`:root{--bg:${p.bg};--fg:${p.fg};--muted:${p.muted};--btn:${p.button};--btn-fg:${p.buttonFg};--accent:${p.accent}}`,
		"*{box-sizing:border-box}",
		"body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}",
		"main,footer{max-width:36rem;margin:0 auto;padding:3rem 1.25rem 2rem;text-align:center}",
		".avatar{width:96px;height:96px;border-radius:50%;object-fit:cover;display:block;margin:0 auto 1rem}",
		"h1{font-size:1.5rem;margin:0 0 .25rem}",
		".bio{color:var(--muted);margin:0 0 1.75rem;white-space:pre-line}",
		".links{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}",
		".links a{display:block;padding:.9rem 1rem;border-radius:.75rem;background:var(--btn);color:var(--btn-fg);text-decoration:none;font-weight:600;box-shadow:0 1px 2px rgb(0 0 0/.12);word-wrap:break-word}",
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
