/**
 * The security suite's summary: each part (unit and system test runs through the reporter, the
 * load run directly) records its figures in test-results/security-summary.json; the load run,
 * the last part of `npm test`, prints them together.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const FILE = join(
	dirname(fileURLToPath(import.meta.url)),
	"../../test-results/security-summary.json",
);

type Summary = Record<string, Record<string, number>>;

export function readSummary(): Summary {
	try {
		return JSON.parse(readFileSync(FILE, "utf8")) as Summary;
	} catch {
		return {};
	}
}

/** Replaces one part's figures (a re-run of a part replaces its earlier figures). */
export function writeSummary(part: string, figures: Record<string, number>): void {
	const summary = readSummary();
	summary[part] = figures;
	mkdirSync(dirname(FILE), { recursive: true });
	writeFileSync(FILE, `${JSON.stringify(summary, null, 2)}\n`);
}

/** The printed summary; figures of parts that did not run show as "not run". */
export function formatSummary(summary = readSummary()): string {
	const sum = (key: string) =>
		Object.entries(summary)
			.filter(([part]) => part !== "load")
			.reduce((n, [, figures]) => n + (figures[key] ?? 0), 0);
	const load = summary.load;
	const show = (v: number | undefined) => (v === undefined ? "not run" : String(v));
	return [
		"",
		"Security and reliability summary",
		`  Core routes covered (authorization matrix)       ${sum("routes")}, every route of Core's table (${sum("matrixCases")} route × role cases)`,
		`  JSON routes attacked with generated input        ${sum("jsonRoutes")}`,
		`  hostile inputs tried                             ${sum("inputs")}`,
		`  fault-injection tests                            ${sum("faults")}`,
		`  requests under load                              ${show(load?.requests)}`,
		`  5xx under load                                   ${show(load?.serverErrors)}`,
		`  lost writes                                      ${show(load?.lostWrites)}`,
		`  tenant leaks                                     ${show(load?.tenantLeaks)}`,
		"",
	].join("\n");
}
