/**
 * Handle rules: the pattern, the reserved names, look-alikes (IDNA A-labels such as `xn--…`) and
 * names that impersonate SmartPages; the handle a sign-up gets from its address is always valid.
 */
import { describe, expect, it } from "vitest";
import { autoHandle, handleSchema, slugSchema } from "../src/schemas/handle";

const refusal = (handle: string) => {
	const result = handleSchema.safeParse(handle);
	return result.success ? null : (result.error.issues[0]?.message ?? "");
};

describe("handleSchema", () => {
	it.each(["anna", "anna-maria", "a1b", "x-n--ok", "shop-2026"])("accepts %s", (handle) => {
		expect(refusal(handle)).toBeNull();
	});

	it.each([
		"xn--80ak6aa92e", // Cyrillic "аррӏе"
		"xn--zz",
		"ab--cd",
		"zz--top",
	])("#14.14 refuses %s: '--' as the 3rd and 4th characters (punycode look-alike)", (handle) => {
		expect(refusal(handle)).toMatch(/"--".*3rd and 4th/);
	});

	it.each([
		"smartpages",
		"smartpages-help",
		"my-smartpages",
		"thesmartpages",
		"smart-pages-team",
		"support",
		"security",
		"admin",
		"official",
		"official-anna",
		"paypal-support",
		"admin-team",
		"security-alert",
		"verified-shop",
	])("#14.14 refuses the impersonating name %s", (handle) => {
		expect(refusal(handle)).toMatch(/reserved/);
	});

	it("leaves slugs alone: a page may be called /support", () => {
		expect(slugSchema.safeParse("support").success).toBe(true);
	});
});

describe("autoHandle", () => {
	it.each([
		"anna",
		"xn--80ak6aa92e",
		"xn----x",
		"smartpages",
		"smartpages.support",
		"support",
		"admin",
		"official-team",
		"www",
		"x",
		"",
		"..",
		"ab--cd",
		"Ünïcødé.Name",
		"a".repeat(64),
	])("#14.14 gives the address %s@… a valid handle, with or without a suffix", (local) => {
		for (const suffixed of [false, true]) {
			const handle = autoHandle(local, suffixed);
			expect(refusal(handle), `${local} → ${handle}`).toBeNull();
		}
	});

	it("keeps an allowed local part as it is, and adds a suffix only when asked", () => {
		expect(autoHandle("anna.maria", false)).toBe("anna-maria");
		expect(autoHandle("anna.maria", true)).toMatch(/^anna-maria-[0-9a-z]+$/);
	});
});
