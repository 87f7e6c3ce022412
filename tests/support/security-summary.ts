/**
 * The security suite's summary: each part (unit and system test runs through the reporter, one
 * part per vitest project; the load run directly) records its figures and its issue checks in
 * test-results/security-summary.json; the load run, the last part of `npm test`, prints them
 * together. Issue checks are the tests named after an item of a security issue ("#14.3 …"): the
 * summary prints one line per item of each issue in ISSUES, with its tests and whether all passed.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const FILE = join(
	dirname(fileURLToPath(import.meta.url)),
	"../../test-results/security-summary.json",
);

export type CheckState = "passed" | "failed" | "skipped";

/** One test named after an issue item, e.g. `{ item: "14.3", name: "#14.3 a password …" }`. */
export interface SecurityCheck {
	item: string;
	name: string;
	state: CheckState;
}

export interface SummaryPart {
	figures: Record<string, number>;
	checks: SecurityCheck[];
}

export type Summary = Record<string, SummaryPart>;

/** The items of each security and reliability issue whose checks the summary lists, in order. */
export const ISSUES: Record<string, readonly string[]> = {
	"14": [
		"a session refresh never resurrects a revoked session",
		"a subdomain serves only its owner's pages",
		"password and e-mail events end every pending token",
		"one Stripe customer per account",
		"publishing checks the current plan's limits",
		"no open redirect after login",
		"per-account login budget, IPv6 limits per /64",
		"per-recipient mail cap, e-mail change only when verified",
		"bad input is a 4xx (percent-encoding, concurrent confirmations)",
		"login and forgot-password timing reveal nothing",
		"the decoy sign-up id is a real id",
		"images validated; deleted ones stop being served",
		"pending and failed domain claims expire",
		"punycode handles refused",
		"CSP, anti-framing and HSTS headers",
		"CSRF check and cookie parser agree",
		"internal RPC surface matches an allow-list",
	],
	"15": [
		"custom hostnames revalidated as Cloudflare for SaaS documents",
		"a failed hostname release is retried until it succeeds",
		"the domain cron stays in its budget and loses no mail",
		"mail delivery as Resend documents it",
		"Stripe as EU customers need it",
		"storage outages answer 503 on every route",
		"version keys a restore cannot reuse",
		"D1 and R2 in the EU jurisdiction",
		"edge answers that stay correct",
		"writes that do not lose work",
		"deploy preflight checks the account's resources",
	],
};

/** The issue item a test name is named after ("#14.3 …" → "14.3"), or null. */
export function checkItem(name: string): string | null {
	return /^#(\d+\.\d+)(?!\d)/.exec(name.trim())?.[1] ?? null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numbers(value: unknown): Record<string, number> {
	if (!isRecord(value)) return {};
	return Object.fromEntries(
		Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number"),
	);
}

function checks(value: unknown): SecurityCheck[] {
	if (!Array.isArray(value)) return [];
	return value.filter(
		(c): c is SecurityCheck =>
			isRecord(c) &&
			typeof c.item === "string" &&
			typeof c.name === "string" &&
			(c.state === "passed" || c.state === "failed" || c.state === "skipped"),
	);
}

/**
 * Reads a summary as written by any version of this file (a part used to be its figures alone);
 * anything unreadable counts as not run, so a damaged file never fails a test run.
 */
export function parseSummary(text: string): Summary {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return {};
	}
	if (!isRecord(raw)) return {};
	const summary: Summary = {};
	for (const [part, value] of Object.entries(raw)) {
		if (!isRecord(value)) continue;
		summary[part] =
			"figures" in value || "checks" in value
				? { figures: numbers(value.figures), checks: checks(value.checks) }
				: { figures: numbers(value), checks: [] };
	}
	return summary;
}

export function readSummary(file = FILE): Summary {
	try {
		return parseSummary(readFileSync(file, "utf8"));
	} catch {
		return {};
	}
}

/**
 * Replaces the given parts (a re-run of a part replaces its earlier figures and checks; other
 * parts stay). Written to a temporary file and renamed, so a concurrent reader never sees half.
 */
export function writeParts(parts: Summary, file = FILE): void {
	const summary = { ...readSummary(file), ...parts };
	mkdirSync(dirname(file), { recursive: true });
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, `${JSON.stringify(summary, null, 2)}\n`);
	renameSync(temporary, file);
}

/** Replaces one part's figures (and clears its checks): the load run's way in. */
export function writeSummary(part: string, figures: Record<string, number>, file = FILE): void {
	writeParts({ [part]: { figures, checks: [] } }, file);
}

/** The line of one issue item: how many tests and whether all of them passed. */
function itemStatus(tests: SecurityCheck[]): string {
	if (tests.length === 0) return "no test";
	const count = `${tests.length} ${tests.length === 1 ? "test" : "tests"}`;
	const failed = tests.filter((t) => t.state === "failed").length;
	const skipped = tests.filter((t) => t.state === "skipped").length;
	if (failed > 0) return `${count}, ${failed} FAILED`;
	if (skipped > 0) return `${count}, ${skipped} not run`;
	return `${count}, all passed`;
}

/** One line per item of each issue in ISSUES (and of any other item a test is named after). */
function formatChecks(summary: Summary): string[] {
	const byItem = new Map<string, SecurityCheck[]>();
	for (const part of Object.values(summary))
		for (const check of part.checks)
			byItem.set(check.item, [...(byItem.get(check.item) ?? []), check]);
	const lines: string[] = [];
	const issues = new Set([
		...Object.keys(ISSUES),
		...[...byItem.keys()].map((i) => i.split(".")[0] ?? i),
	]);
	for (const issue of [...issues].sort((a, b) => Number(a) - Number(b))) {
		const titles = ISSUES[issue] ?? [];
		const known = titles.map((_, i) => `${issue}.${i + 1}`);
		const extra = [...byItem.keys()]
			.filter((item) => item.startsWith(`${issue}.`) && !known.includes(item))
			.sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]));
		lines.push(`  issue ${issue} checks (tests named "#${issue}.N …")`);
		for (const item of [...known, ...extra]) {
			const title = titles[Number(item.split(".")[1]) - 1] ?? "(not an item of the issue)";
			const tests = byItem.get(item) ?? [];
			lines.push(`    ${item.padEnd(7)}${title.padEnd(66)} ${itemStatus(tests)}`);
			for (const failed of tests.filter((t) => t.state === "failed"))
				lines.push(`      ✗ ${failed.name}`);
		}
	}
	return lines;
}

/** The printed summary; figures of parts that did not run show as "not run". */
export function formatSummary(summary = readSummary()): string {
	const sum = (key: string) =>
		Object.entries(summary)
			.filter(([part]) => part !== "load")
			.reduce((n, [, part]) => n + (part.figures[key] ?? 0), 0);
	const load = summary.load?.figures;
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
		...formatChecks(summary),
		"",
	].join("\n");
}
