/**
 * #14.17 over the real service bindings: the helpers that were TypeScript-`private` methods of
 * the internal entrypoints (one returned configuration with the Cloudflare API token) are module
 * functions now, so calling them through a binding fails instead of answering.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

/** A binding seen without its TypeScript surface, as any caller holding it could use it. */
function untyped(binding: object): Record<string, (...args: unknown[]) => Promise<unknown>> {
	return binding as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
}

describe("internal RPC surface", () => {
	it.each([
		["CUSTOMER", "domainConfig"],
		["CUSTOMER", "site"],
		["CUSTOMER", "baseUrl"],
		["CUSTOMER", "pageOut"],
		["BILLING", "unavailable"],
	] as const)("#14.17 %s.%s is not callable over the binding", async (binding, method) => {
		const stub = untyped(env[binding]);
		await expect(Promise.resolve().then(() => stub[method]?.("usr_x"))).rejects.toThrow();
	});

	it("#14.17 an allow-listed method still answers", async () => {
		await expect(env.CUSTOMER.ping({ requestId: "test-rpc-surface" })).resolves.toEqual({
			service: "customer",
			ok: true,
		});
	});
});
