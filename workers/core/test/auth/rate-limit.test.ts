/**
 * The pure part of the per-address limits (src/auth/rate-limit.ts): which network a client
 * address counts as.
 */
import { describe, expect, it } from "vitest";
import { networkOf } from "../../src/auth/rate-limit";

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
