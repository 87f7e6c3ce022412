/**
 * The design's contrast maths (WCAG 2.x relative luminance), the nearest passing colour the editor
 * offers, the presets, and the schema Core validates `PATCH /pages/:id {design}` with.
 */
import { describe, expect, it } from "vitest";
import {
	CONTRAST_PAIRS,
	contrastRatio,
	designSchema,
	formatRatio,
	MIN_CONTRAST,
	nearestPassingColour,
	parseStoredDesign,
	relativeLuminance,
	THEME_DESIGNS,
} from "../src/design";
import { THEMES } from "../src/schemas/profile";

const VALID = {
	background: "#ffffff",
	text: "#000000",
	button: "#1d4ed8",
	buttonText: "#ffffff",
	buttonShape: "pill",
	font: "serif",
} as const;

describe("contrast", () => {
	it("matches known values", () => {
		expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 6);
		expect(relativeLuminance("#000000")).toBe(0);
		expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 6);
		expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 6);
		expect(contrastRatio("#ffffff", "#ffff00")).toBeCloseTo(1.07, 2);
		// WebAIM's checker: #767676 on white is the lightest grey that passes AA (4.54:1).
		expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
		expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(MIN_CONTRAST);
		expect(formatRatio(contrastRatio("#ffffff", "#ffff00"))).toBe("1.07:1");
	});

	it.each([
		["#ffffff", "#ffff00"],
		["#777777", "#ffffff"],
		["#ff0000", "#00ff00"],
		["#3b82f6", "#1d4ed8"],
		["#000001", "#000000"],
		["#808080", "#808080"],
		["#f4f4f5", "#a1a1aa"],
	])("nearest passing colour for %s on %s passes and keeps the hue", (fg, bg) => {
		const fixed = nearestPassingColour(fg, bg);
		expect(fixed).toMatch(/^#[0-9a-f]{6}$/);
		expect(contrastRatio(fixed, bg)).toBeGreaterThanOrEqual(MIN_CONTRAST);
	});

	it("leaves a passing colour as it is and moves a failing one only as far as needed", () => {
		expect(nearestPassingColour("#000000", "#ffffff")).toBe("#000000");
		const grey = nearestPassingColour("#777777", "#ffffff");
		// One step darker than #777777 is enough.
		expect(Number.parseInt(grey.slice(1, 3), 16)).toBeGreaterThanOrEqual(0x70);
	});
});

describe("presets", () => {
	it.each(THEMES)("%s passes both pairs", (theme) => {
		const design = THEME_DESIGNS[theme];
		for (const [fg, bg] of CONTRAST_PAIRS) {
			expect(contrastRatio(design[fg], design[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
		}
		expect(designSchema.safeParse(design).success).toBe(true);
	});
});

describe("designSchema", () => {
	it("accepts a passing design and lower-cases its colours", () => {
		const parsed = designSchema.parse({ ...VALID, background: "#FFFFFF" });
		expect(parsed.background).toBe("#ffffff");
	});

	it("refuses white text on yellow naming both fields of the pair", () => {
		const result = designSchema.safeParse({ ...VALID, text: "#ffffff", background: "#ffff00" });
		expect(result.success).toBe(false);
		const paths = result.error?.issues.map((i) => i.path.join(".")).sort();
		expect(paths).toEqual(["background", "text"]);
		expect(result.error?.issues[0]?.message).toContain("1.07:1");
	});

	it("refuses low button contrast naming button and buttonText", () => {
		const result = designSchema.safeParse({ ...VALID, button: "#ffff00" });
		expect(result.error?.issues.map((i) => i.path.join(".")).sort()).toEqual([
			"button",
			"buttonText",
		]);
	});

	it.each([
		"red",
		"#fff",
		"#ffffff; background:url(//evil)",
		"#ffffff}body{display:none",
		"rgb(0,0,0)",
		"#gggggg",
		" #ffffff",
		"#ffffff\n",
		"",
	])("refuses the colour %j", (colour) => {
		expect(designSchema.safeParse({ ...VALID, background: colour }).success).toBe(false);
	});

	it.each([
		{ ...VALID, text: 0 },
		{ ...VALID, buttonShape: "round" },
		{ ...VALID, font: "comic" },
		{ ...VALID, backgroundImage: "yes" },
		{ ...VALID, extra: 1 },
		{ background: "#ffffff" },
		null,
		[],
	])("refuses a malformed design %#", (design) => {
		expect(designSchema.safeParse(design).success).toBe(false);
	});

	it("reads back only valid stored designs", () => {
		expect(parseStoredDesign(JSON.stringify(VALID))).toEqual(VALID);
		expect(parseStoredDesign(null)).toBeNull();
		expect(parseStoredDesign("{")).toBeNull();
		expect(parseStoredDesign(JSON.stringify({ ...VALID, text: "red" }))).toBeNull();
	});
});
