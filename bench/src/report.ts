/**
 * Figures with their baselines: the console table, bench/results/latest.json and the table in the
 * README's Performance section (only the part between the bench markers is rewritten).
 */
import { readFileSync, writeFileSync } from "node:fs";

export interface Figure {
	section: string;
	name: string;
	value: number;
	unit: string;
	baseline?: { name: string; value: number };
	/** value ÷ baseline value, or the median of per-round ratios where measured so. */
	ratio?: number;
	/** Which way is better for this figure (for reading the ratio). */
	better: "lower" | "higher";
	/** Goal on the ratio, e.g. ≤ 1.5 for scale. */
	goal?: string;
}

/** Records figures in order; `add` computes the ratio against a baseline measured in this run. */
export class Figures {
	readonly list: Figure[] = [];

	add(
		section: string,
		name: string,
		value: number,
		unit: string,
		better: "lower" | "higher",
		baseline?: { name: string; value: number },
		goal?: string,
		measuredRatio?: number,
	): void {
		const ratio =
			measuredRatio ??
			(baseline && Number.isFinite(baseline.value) && baseline.value !== 0
				? value / baseline.value
				: undefined);
		this.list.push({
			section,
			name,
			value,
			unit,
			better,
			...(baseline ? { baseline } : {}),
			...(ratio !== undefined ? { ratio } : {}),
			...(goal ? { goal } : {}),
		});
	}
}

/** A number with as many digits as make sense for its size. */
export function fmt(n: number): string {
	if (!Number.isFinite(n)) return "n/a";
	const abs = Math.abs(n);
	if (abs >= 1000) return Math.round(n).toLocaleString("en-US");
	if (abs >= 100) return n.toFixed(0);
	if (abs >= 10) return n.toFixed(1);
	if (abs >= 1) return n.toFixed(2);
	return n.toFixed(3);
}

const withUnit = (n: number, unit: string) => (unit ? `${fmt(n)} ${unit}` : fmt(n));

function rows(figures: Figure[]): string[][] {
	return figures.map((f) => [
		f.section,
		f.name,
		withUnit(f.value, f.unit),
		f.baseline ? `${f.baseline.name}: ${withUnit(f.baseline.value, f.unit)}` : "",
		f.ratio !== undefined ? `${f.ratio.toFixed(2)}×${f.goal ? ` (goal ${f.goal})` : ""}` : "",
	]);
}

const HEADER = ["section", "figure", "value", "baseline (same run)", "ratio"];

/** A fixed-width table for the terminal. */
export function consoleTable(figures: Figure[]): string {
	const all = [HEADER, ...rows(figures)];
	const widths = HEADER.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
	const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
	return [
		line(HEADER),
		widths.map((w) => "-".repeat(w)).join("  "),
		...all.slice(1).map(line),
	].join("\n");
}

/** The same table in markdown. */
export function markdownTable(figures: Figure[]): string {
	const esc = (c: string) => c.replaceAll("|", "\\|");
	return alignedTable(
		HEADER,
		rows(figures).map((r) => r.map(esc)),
	);
}

/**
 * A Markdown table with its columns padded to their widest cell, as the repository's formatter
 * (Biome) writes them: the README the bench rewrites must pass `npm run lint` unchanged.
 */
export function alignedTable(header: readonly string[], body: readonly string[][]): string {
	const width = (cell: string) => [...cell].length;
	const widths = header.map((h, i) => Math.max(3, width(h), ...body.map((r) => width(r[i] ?? ""))));
	const line = (cells: readonly string[]) =>
		`| ${widths.map((w, i) => (cells[i] ?? "") + " ".repeat(w - width(cells[i] ?? ""))).join(" | ")} |`;
	return [
		line(header),
		`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
		...body.map(line),
	].join("\n");
}

export const README_START = "<!-- bench:start (written by npm run bench) -->";
export const README_END = "<!-- bench:end -->";

/**
 * Replaces the text between the bench markers of the README with `content`; leaves the README
 * alone (and says so) when the markers are missing.
 */
export function updateReadme(path: string, content: string): boolean {
	const text = readFileSync(path, "utf8");
	const start = text.indexOf(README_START);
	const end = text.indexOf(README_END);
	if (start < 0 || end < start) return false;
	writeFileSync(
		path,
		`${text.slice(0, start + README_START.length)}\n${content.trim()}\n${text.slice(end)}`,
	);
	return true;
}
