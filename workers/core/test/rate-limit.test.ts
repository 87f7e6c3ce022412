import { describe, expect, it } from "vitest";
import { failedLoginDelayMs } from "../src/auth/rate-limit";

describe("failed-login delay", () => {
	it("starts after five failures, doubles, and is capped at 8 s (a delay, never a lockout)", () => {
		expect([0, 4, 5, 6, 7, 8, 9, 50].map(failedLoginDelayMs)).toEqual([
			0, 0, 500, 1000, 2000, 4000, 8000, 8000,
		]);
	});
});
