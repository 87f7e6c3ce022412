/**
 * A vitest reporter that adds up the security figures tests put into their task meta
 * (@smartpages/testing/security-meta) and collects the issue checks (tests named "#14.3 …",
 * with their outcome), and records both for the summary (security-summary.ts), one part per
 * project.
 *
 * It runs at the end of every vitest run, partial ones included: a project that ran with figures
 * or checks replaces its own part, the other parts stay; an interrupted run records nothing. It never fails a run: a
 * problem writing the summary is printed as a warning.
 */

import type { SecurityFigures } from "@smartpages/testing/security-meta";
import type { Reporter, TestModule, TestRunEndReason } from "vitest/node";
import {
	type CheckState,
	checkItem,
	type SecurityCheck,
	type Summary,
	writeParts,
} from "./security-summary.ts";

/** What the reporter reads of a test: its name, its suites' names (innermost first), its state. */
export interface TestView {
	name: string;
	suites: string[];
	state: string;
}

/**
 * The issue check a test is, if it is one: named "#14.N …" itself or, failing that, inside a
 * suite so named. Pending and skipped tests count as not run.
 */
export function checkOf(test: TestView): SecurityCheck | null {
	for (const name of [test.name, ...test.suites]) {
		const item = checkItem(name);
		if (!item) continue;
		const state: CheckState =
			test.state === "passed" ? "passed" : test.state === "failed" ? "failed" : "skipped";
		const label = name === test.name ? test.name : `${name} > ${test.name}`;
		return { item, name: label, state };
	}
	return null;
}

/** The parts of vitest's TestModule and TestCase the reporter reads (tests pass plain objects). */
type Parent = { type: "suite"; name: string; parent: Parent } | { type: "module" };
export interface ModuleView {
	project: { name: string };
	children: {
		allTests(): Iterable<{
			name: string;
			parent: Parent;
			meta(): object;
			result(): { state: string };
		}>;
	};
}

function suitesOf(parent: Parent): string[] {
	const names: string[] = [];
	for (let p = parent; p.type === "suite"; p = p.parent) names.push(p.name);
	return names;
}

/** One part per project that ran, so re-running a project replaces its part instead of adding. */
export function collect(modules: ReadonlyArray<ModuleView>): Summary {
	const parts: Summary = {};
	for (const module of modules) {
		const part = parts[module.project.name] ?? { figures: {}, checks: [] };
		parts[module.project.name] = part;
		for (const test of module.children.allTests()) {
			const figures = (test.meta() as { security?: SecurityFigures }).security ?? {};
			for (const [key, value] of Object.entries(figures))
				part.figures[key] = (part.figures[key] ?? 0) + value;
			const check = checkOf({
				name: test.name,
				suites: suitesOf(test.parent),
				state: test.result().state,
			});
			if (check) part.checks.push(check);
		}
	}
	return parts;
}

export default class SecurityReporter implements Reporter {
	onTestRunEnd(
		modules: ReadonlyArray<TestModule>,
		_errors: ReadonlyArray<unknown>,
		reason: TestRunEndReason,
	): void {
		// Half a run would replace a part's figures with a fraction of them.
		if (reason === "interrupted") return;
		try {
			// As before checks existed: a project with nothing to record leaves its part alone.
			const parts = Object.entries(collect(modules)).filter(
				([, part]) => Object.keys(part.figures).length > 0 || part.checks.length > 0,
			);
			if (parts.length > 0) writeParts(Object.fromEntries(parts));
		} catch (error) {
			console.warn(`security summary not recorded: ${String(error)}`);
		}
	}
}
