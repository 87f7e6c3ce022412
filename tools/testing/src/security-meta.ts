/**
 * Figures a security test adds to the suite's summary (routes covered, inputs tried, faults
 * injected), carried in vitest's task meta so it works in workerd and in Node alike; the
 * reporter in tests/support/security-reporter.ts adds them up.
 */
export type SecurityFigures = Partial<
	Record<"routes" | "matrixCases" | "jsonRoutes" | "inputs" | "faults", number>
>;

export function tally(task: { meta: object }, figures: SecurityFigures): void {
	const meta = task.meta as { security?: SecurityFigures };
	const current = meta.security ?? {};
	for (const [key, value] of Object.entries(figures) as [keyof SecurityFigures, number][])
		current[key] = (current[key] ?? 0) + value;
	meta.security = current;
}
