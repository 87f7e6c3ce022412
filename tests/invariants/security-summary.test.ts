/**
 * The security summary printed at the end of `npm test`: figures added up across parts, one line
 * per item of issue 14 with its tests (collected by the reporter from tests named "#14.N …", in
 * unit and system projects alike) and whether all passed, and a summary file that older versions
 * or a damaged write leave behind read without failing the run.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkOf, collect, type ModuleView } from "../support/security-reporter.ts";
import {
	checkItem,
	formatSummary,
	ISSUES,
	parseSummary,
	readSummary,
	type Summary,
	writeParts,
	writeSummary,
} from "../support/security-summary.ts";

/** The printed line of an issue item, e.g. "14.3". */
function lineOf(text: string, item: string): string {
	const line = text.split("\n").find((l) => l.trimStart().startsWith(`${item} `));
	if (line === undefined) throw new Error(`no line for ${item} in:\n${text}`);
	return line;
}

const SUMMARY: Summary = {
	core: {
		figures: { routes: 40, matrixCases: 160, jsonRoutes: 17, inputs: 10_200 },
		checks: [
			{
				item: "14.3",
				name: "#14.3 a password reset ends a pending e-mail-change token",
				state: "passed",
			},
			{ item: "14.3", name: "#14.3 a password change ends a pending reset token", state: "passed" },
			{ item: "14.1", name: "#14.1 logout between read and write wins", state: "failed" },
			{ item: "14.1", name: "#14.1 a stale read does not resurrect", state: "passed" },
			{ item: "14.5", name: "#14.5 restore checks the plan", state: "skipped" },
		],
	},
	customer: { figures: { faults: 1 }, checks: [] },
	system: {
		figures: { faults: 4 },
		checks: [{ item: "14.3", name: "#14.3 over HTTP", state: "passed" }],
	},
	load: { figures: { requests: 1234, serverErrors: 0, lostWrites: 0, tenantLeaks: 0 }, checks: [] },
};

describe("security summary", () => {
	it("prints one line per item 14.1 … 14.17, in order, 'no test' where none exists", () => {
		const text = formatSummary(SUMMARY);
		const items = text
			.split("\n")
			.map((l) => /^ {4}(14\.\d+) +\S/.exec(l)?.[1])
			.filter((i) => i !== undefined);
		expect(ISSUES["14"]).toHaveLength(17);
		expect(items).toEqual(Array.from({ length: 17 }, (_, i) => `14.${i + 1}`));
		expect(lineOf(text, "14.2")).toMatch(/a subdomain serves only its owner's pages +no test$/);
		expect(lineOf(text, "14.17")).toMatch(/no test$/);
	});

	it("counts an item's tests across unit and system parts and says whether all passed", () => {
		const text = formatSummary(SUMMARY);
		expect(lineOf(text, "14.3")).toMatch(/3 tests, all passed$/);
		expect(lineOf(text, "14.1")).toMatch(/2 tests, 1 FAILED$/);
		expect(text).toContain("      ✗ #14.1 logout between read and write wins");
		expect(text).not.toContain("✗ #14.1 a stale read");
		expect(lineOf(text, "14.5")).toMatch(/1 test, 1 not run$/);
	});

	it("lists a test named after an item the issue does not have, after the known items", () => {
		const text = formatSummary({
			core: { figures: {}, checks: [{ item: "14.18", name: "#14.18 extra", state: "passed" }] },
		});
		const lines = text.split("\n");
		expect(lines.findIndex((l) => l.includes("14.18"))).toBeGreaterThan(
			lines.findIndex((l) => l.includes("14.17")),
		);
		expect(lineOf(text, "14.18")).toMatch(/not an item of the issue\).* 1 test, all passed$/);
	});

	it("adds up the figures of the test parts and shows the load run's own", () => {
		const text = formatSummary(SUMMARY);
		expect(text).toMatch(/hostile inputs tried +10200$/m);
		expect(text).toMatch(/JSON routes attacked with generated input +17$/m);
		expect(text).toMatch(/fault-injection tests +5$/m);
		expect(text).toMatch(/requests under load +1234$/m);
		expect(formatSummary({})).toMatch(/requests under load +not run$/m);
	});

	it("reads the older format (a part was its figures) and ignores what it cannot read", () => {
		expect(parseSummary('{"core":{"inputs":510,"jsonRoutes":17},"load":{"requests":9}}')).toEqual({
			core: { figures: { inputs: 510, jsonRoutes: 17 }, checks: [] },
			load: { figures: { requests: 9 }, checks: [] },
		});
		expect(parseSummary("{ half a file")).toEqual({});
		expect(parseSummary("[1,2]")).toEqual({});
		expect(
			parseSummary(
				'{"core":{"figures":{"inputs":"many","faults":2},"checks":[{"item":"14.1"},{"item":"14.2","name":"#14.2 x","state":"passed"}]},"x":3}',
			),
		).toEqual({
			core: {
				figures: { faults: 2 },
				checks: [{ item: "14.2", name: "#14.2 x", state: "passed" }],
			},
		});
	});
});

describe("security reporter", () => {
	it("takes the item from a test's name, or from the suite it is in", () => {
		expect(checkItem("#14.3 a password reset ends a pending e-mail-change token")).toBe("14.3");
		expect(checkItem("#14.17 internal RPC surface")).toBe("14.17");
		expect(checkItem("14.3 without the hash")).toBeNull();
		expect(checkItem("a test about #14.3")).toBeNull();
		expect(checkItem("#14. nothing")).toBeNull();
		expect(checkOf({ name: "#14.6 next=/.//host", suites: [], state: "passed" })).toEqual({
			item: "14.6",
			name: "#14.6 next=/.//host",
			state: "passed",
		});
		expect(
			checkOf({
				name: "two tabs at once",
				suites: ["checkout", "#14.4 one customer"],
				state: "pending",
			}),
		).toEqual({ item: "14.4", name: "#14.4 one customer > two tabs at once", state: "skipped" });
		expect(checkOf({ name: "plain", suites: ["suite"], state: "passed" })).toBeNull();
	});

	it("collects figures and checks per project from vitest's modules", () => {
		const test = (name: string, state: string, meta: object = {}, suite?: string) => ({
			name,
			parent: suite
				? { type: "suite" as const, name: suite, parent: { type: "module" as const } }
				: { type: "module" as const },
			meta: () => meta,
			result: () => ({ state }),
		});
		const module = (project: string, tests: ReturnType<typeof test>[]): ModuleView => ({
			project: { name: project },
			children: { allTests: () => tests },
		});
		const parts = collect([
			module("core", [
				test("POST /x", "passed", { security: { inputs: 600 } }),
				test("#14.9 mailto:%E0 is a 400", "failed"),
			]),
			module("core", [test("POST /y", "passed", { security: { inputs: 400, jsonRoutes: 2 } })]),
			module("system", [test("over HTTP", "passed", {}, "#14.9 malformed escapes")]),
			module("web", [test("unrelated", "passed")]),
		]);
		expect(parts).toEqual({
			core: {
				figures: { inputs: 1000, jsonRoutes: 2 },
				checks: [{ item: "14.9", name: "#14.9 mailto:%E0 is a 400", state: "failed" }],
			},
			system: {
				figures: {},
				checks: [{ item: "14.9", name: "#14.9 malformed escapes > over HTTP", state: "passed" }],
			},
			web: { figures: {}, checks: [] },
		});
	});
});

describe("summary file", () => {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});
	const fileIn = () => {
		const dir = mkdtempSync(join(tmpdir(), "security-summary-"));
		dirs.push(dir);
		return join(dir, "nested", "security-summary.json");
	};

	it("replaces only the parts written, whole, and leaves no temporary file", () => {
		const file = fileIn();
		writeParts(
			{
				core: { figures: { inputs: 1 }, checks: [] },
				system: SUMMARY.system ?? { figures: {}, checks: [] },
			},
			file,
		);
		writeParts({ core: { figures: { inputs: 2 }, checks: [] } }, file);
		writeSummary("load", { requests: 5 }, file);
		expect(readSummary(file)).toEqual({
			core: { figures: { inputs: 2 }, checks: [] },
			system: SUMMARY.system,
			load: { figures: { requests: 5 }, checks: [] },
		});
		expect(readdirSync(join(file, ".."))).toEqual(["security-summary.json"]);
	});

	it("starts afresh over a damaged file and reads a missing one as empty", () => {
		const file = fileIn();
		expect(existsSync(file)).toBe(false);
		expect(readSummary(file)).toEqual({});
		writeParts({}, file);
		writeFileSync(file, '{"core": {"figu');
		writeSummary("load", { requests: 1 }, file);
		expect(readSummary(file)).toEqual({ load: { figures: { requests: 1 }, checks: [] } });
	});
});
