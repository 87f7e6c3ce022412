import { exports } from "cloudflare:workers";
import {
	type MethodsWithoutContext,
	methodsWithoutContext,
	rpcMethods,
} from "@smartpages/testing/rpc-surface";
import { describe, expect, expectTypeOf, it } from "vitest";
import { BillingService } from "../src/index";

/** The billing worker's RPC surface: what Core may call over the binding, and nothing else. */
const ALLOWED = [
	"cancelSubscriptions",
	"createCheckout",
	"createCustomer",
	"createPortal",
	"getCheckout",
	"getPrices",
	"listInvoices",
	"parseWebhook",
	"ping",
];

describe("billing worker surface", () => {
	it("answers every HTTP request with 404 (internal workers have no HTTP surface)", async () => {
		for (const method of ["GET", "POST"]) {
			const res = await exports.default.fetch(new Request("https://billing.internal/", { method }));
			expect(res.status).toBe(404);
		}
	});
	// #14.17: every method of a WorkerEntrypoint is callable over the service binding, whatever
	// TypeScript says; helpers are module functions. A new RPC method is added here on purpose.
	it("#14.17 offers exactly the allow-listed methods over its binding", () => {
		expect(rpcMethods(BillingService)).toEqual(ALLOWED);
	});

	// The request context is an explicit first parameter (issue 16), and each method's body runs
	// through `traced` under its own name: its log line names the right method.
	it("every RPC method takes the request context first and runs through traced", () => {
		expectTypeOf<MethodsWithoutContext<BillingService>>().toBeNever();
		expect(methodsWithoutContext(BillingService)).toEqual([]);
	});
});
