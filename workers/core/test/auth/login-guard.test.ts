/**
 * The login back-off (src/auth/login-guard.ts) as a function of the recorded failures, never of
 * whether the account exists.
 */
import { describe, expect, it } from "vitest";
import { backoffRemainingMs, FREE_FAILURES, MAX_BACKOFF_MS } from "../../src/auth/login-guard";

describe("login back-off", () => {
	const T = Date.UTC(2026, 0, 1);

	it("is nothing for the free failures, then 1 s, 2 s, 4 s … after the latest, capped at 15 minutes", () => {
		const at = (failures: number) => backoffRemainingMs({ failures, lastFailureAt: T }, T);
		expect(backoffRemainingMs(null, T)).toBe(0);
		expect(at(FREE_FAILURES - 1)).toBe(0);
		expect([0, 1, 2, 3].map((n) => at(FREE_FAILURES + n))).toEqual([1000, 2000, 4000, 8000]);
		expect(at(FREE_FAILURES + 40)).toBe(MAX_BACKOFF_MS);
		expect(backoffRemainingMs({ failures: FREE_FAILURES, lastFailureAt: T }, T + 1000)).toBe(0);
	});
});
