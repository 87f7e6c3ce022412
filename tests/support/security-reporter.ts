/**
 * A vitest reporter that adds up the security figures tests put into their task meta
 * (security-meta.ts) and records them for the summary, one part per project.
 */
import type { Reporter, TestModule } from "vitest/node";
import type { SecurityFigures } from "./security-meta.ts";
import { writeSummary } from "./security-summary.ts";

export default class SecurityReporter implements Reporter {
	onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
		// One part per project, so re-running a project replaces its figures instead of adding.
		const parts = new Map<string, Record<string, number>>();
		for (const module of modules) {
			const totals = parts.get(module.project.name) ?? {};
			for (const test of module.children.allTests()) {
				const figures = (test.meta() as { security?: SecurityFigures }).security ?? {};
				for (const [key, value] of Object.entries(figures))
					totals[key] = (totals[key] ?? 0) + value;
			}
			parts.set(module.project.name, totals);
		}
		for (const [part, totals] of parts)
			if (Object.keys(totals).length > 0) writeSummary(part, totals);
	}
}
