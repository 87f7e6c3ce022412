/**
 * Core's per-request service bindings: each call carries exactly this request's id, and binding
 * a request never changes the isolate's shared env (a leak would give every later request the
 * first one's id and nest one wrapper per request).
 */
import { RPC_CONTEXT } from "@smartpages/contracts/rpc-context";
import { describe, expect, it } from "vitest";
import { bindRequestId } from "../src/rpc";

function fakeEnv() {
	const calls: unknown[][] = [];
	const service = { send: (...args: unknown[]) => calls.push(args) };
	const target = { CUSTOMER: service, BILLING: service, MAILER: service, APP_ORIGIN: "x" };
	// Like a runtime env whose setter writes through: assignment via the prototype would land here.
	const env = new Proxy(target, {
		set(t, key, value) {
			Reflect.set(t, key, value);
			return true;
		},
	}) as unknown as CoreEnv;
	return { env, target, service, calls };
}

describe("bindRequestId", () => {
	it("appends exactly one context per call, with this request's id", () => {
		const { env, calls } = fakeEnv();
		const first = bindRequestId(env, "req-1");
		const second = bindRequestId(env, "req-2");
		(first.CUSTOMER as unknown as { send: (a: string) => void }).send("a");
		(second.MAILER as unknown as { send: (a: string) => void }).send("b");
		expect(calls).toEqual([
			["a", { [RPC_CONTEXT]: { requestId: "req-1" } }],
			["b", { [RPC_CONTEXT]: { requestId: "req-2" } }],
		]);
	});

	it("leaves the shared env untouched and every other binding as it was", () => {
		const { env, target, service } = fakeEnv();
		const bound = bindRequestId(env, "req-3");
		expect(target.CUSTOMER).toBe(service);
		expect(target.MAILER).toBe(service);
		expect(bound.APP_ORIGIN).toBe("x");
	});
});
