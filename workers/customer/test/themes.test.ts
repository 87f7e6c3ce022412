/**
 * Every theme meets WCAG AA contrast (4.5:1) for body text, muted text, link buttons and links.
 */
import { THEMES } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { PALETTES } from "../src/publish/themes";

function luminance(hex: string): number {
	const [r = 0, g = 0, b = 0] = [1, 3, 5].map(
		(i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255,
	);
	const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
	return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

describe("theme contrast", () => {
	it("offers at least six themes, one of them dark", () => {
		expect(THEMES.length).toBeGreaterThanOrEqual(6);
		expect(luminance(PALETTES.dark.bg)).toBeLessThan(0.05);
	});

	it.each(THEMES)("%s meets AA for every text/background pair", (theme) => {
		const p = PALETTES[theme];
		expect(contrast(p.fg, p.bg), "text").toBeGreaterThanOrEqual(4.5);
		expect(contrast(p.muted, p.bg), "muted text").toBeGreaterThanOrEqual(4.5);
		expect(contrast(p.buttonFg, p.button), "link button").toBeGreaterThanOrEqual(4.5);
		expect(contrast(p.accent, p.bg), "links").toBeGreaterThanOrEqual(4.5);
	});
});
