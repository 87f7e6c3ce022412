/**
 * The request context across RPC: Core's wrapped stub appends it, the callee's traced entrypoint
 * strips it, scopes it for every log line written during the call, and logs one line per call
 * without arguments or results. Calls without a context (helpers, tests) run untouched.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentRequestId, logEvent, traceEntrypoint } from "../src/observability";
import { RPC_CONTEXT, splitRpcContext, withRpcContext } from "../src/rpc-context";

class FakeService {
	calls: unknown[][] = [];
	async getThing(userId: string, options?: { deep: boolean }) {
		this.calls.push([userId, options]);
		await new Promise((resolve) => setTimeout(resolve, 1));
		logEvent("warn", "deep inside", { userId });
		return { ok: false, code: "not_found", secret: "hash-of-a-password" };
	}
	/** A helper other methods call synchronously (like CustomerService.site()). */
	config() {
		return { sync: true };
	}
	async seenRequestId() {
		return currentRequestId();
	}
}
traceEntrypoint(FakeService, "fake");

const lines = () => {
	const spies = [console.log, console.warn, console.error] as unknown as ReturnType<typeof vi.fn>[];
	return spies.flatMap((spy) => spy.mock.calls.map((call) => JSON.parse(String(call[0]))));
};

describe("request context over RPC", () => {
	afterEach(() => vi.restoreAllMocks());

	it("the caller's stub appends the context after the caller's own arguments", async () => {
		const target = { method: vi.fn((...args: unknown[]) => args.length) };
		const stub = withRpcContext(target, { requestId: "req-1" });
		expect(await stub.method("a")).toBe(2);
		expect(target.method).toHaveBeenCalledWith("a", { [RPC_CONTEXT]: { requestId: "req-1" } });
		expect(splitRpcContext(target.method.mock.calls[0] ?? [])).toEqual({
			args: ["a"],
			context: { requestId: "req-1" },
		});
	});

	it("an omitted optional argument stays omitted on the callee's side", async () => {
		vi.spyOn(console, "log").mockImplementation(() => {});
		vi.spyOn(console, "warn").mockImplementation(() => {});
		const service = new FakeService();
		const stub = withRpcContext(service, { requestId: "req-2" });
		await stub.getThing("user-1");
		expect(service.calls).toEqual([["user-1", undefined]]);
	});

	it("every log line during the call carries the request id; arguments and results never", async () => {
		const log = vi.spyOn(console, "log").mockImplementation(() => {});
		vi.spyOn(console, "warn").mockImplementation(() => {});
		vi.spyOn(console, "error").mockImplementation(() => {});
		const stub = withRpcContext(new FakeService(), { requestId: "req-3" });
		await Promise.all([
			stub.getThing("user-1", { deep: true }),
			withRpcContext(new FakeService(), { requestId: "req-4" }).getThing("user-2"),
		]);
		const all = lines();
		expect(all).toContainEqual({
			level: "warn",
			msg: "deep inside",
			requestId: "req-3",
			userId: "user-1",
		});
		expect(all).toContainEqual({
			level: "warn",
			msg: "deep inside",
			requestId: "req-4",
			userId: "user-2",
		});
		const rpc = log.mock.calls.map((call) => JSON.parse(String(call[0])));
		expect(rpc).toHaveLength(2);
		expect(rpc[0]).toMatchObject({
			level: "info",
			msg: "rpc",
			worker: "fake",
			method: "getThing",
			ok: false,
			code: "not_found",
		});
		expect(JSON.stringify(rpc)).not.toContain("hash-of-a-password");
		expect(JSON.stringify(rpc)).not.toContain("deep");
	});

	it("calls without a context run untouched and unlogged", async () => {
		const log = vi.spyOn(console, "log").mockImplementation(() => {});
		const service = new FakeService();
		expect(service.config()).toEqual({ sync: true });
		expect(await service.seenRequestId()).toBeUndefined();
		expect(await withRpcContext(service, { requestId: "req-5" }).seenRequestId()).toBe("req-5");
		expect(log).toHaveBeenCalledTimes(1);
	});
});
