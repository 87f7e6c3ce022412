/**
 * The pure parts of the abuse limits: which network a client address counts as, and the login
 * back-off as a function of the recorded failures (never of whether the account exists).
 */
import { describe, expect, it } from "vitest";
import { backoffRemainingMs, FREE_FAILURES, MAX_BACKOFF_MS } from "../src/auth/login-guard";
import { networkOf } from "../src/auth/rate-limit";

describe("#14.7 client networks", () => {
	it("#14.7 counts every address of an IPv6 /64 as one network, however it is written", () => {
		const forms = [
			"2001:db8:1:2::1",
			"2001:0db8:0001:0002:ffff:ffff:ffff:ffff",
			"2001:DB8:1:2:0:0:0:0",
			"2001:db8:1:2:abcd::",
			"2001:db8:1:2:1:2:192.0.2.1",
			"2001:db8:1:2::1%eth0",
		];
		expect(new Set(forms.map(networkOf))).toEqual(new Set(["2001:db8:1:2::/64"]));
		expect(networkOf("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
		expect(networkOf("::1")).toBe("0:0:0:0::/64");
	});

	it("keeps IPv4 addresses apart, and counts an IPv4-mapped IPv6 address as its IPv4 address", () => {
		expect(networkOf("192.0.2.1")).toBe("192.0.2.1");
		expect(networkOf("192.0.2.2")).toBe("192.0.2.2");
		expect(networkOf("::ffff:192.0.2.1")).toBe("192.0.2.1");
		expect(networkOf("::ffff:c000:201")).toBe("192.0.2.1");
	});

	it("leaves anything that is not an address as it is", () => {
		for (const raw of [
			"unknown",
			"1:2:3",
			"2001:db8::1::2",
			"2001:db8:zz::1",
			"::ffff:999.0.0.1",
		]) {
			expect(networkOf(raw)).toBe(raw);
		}
	});
});

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
