/**
 * The request context across RPC: the caller passes it as the first argument of every RPC
 * method, the callee's `traced` reads it, scopes it for every log line written during the call,
 * and logs one line per call without arguments or results. A malformed context counts as none:
 * the method still runs, its lines carry no request id. Code outside `traced` (helpers) runs
 * untouched.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentRequestId, logEvent, tracer } from "../src/observability";
import { type RpcContext, readRpcContext } from "../src/rpc-context";

const traced = tracer("fake");

class FakeService {
	calls: unknown[][] = [];
	async getThing(ctx: RpcContext, userId: string, options?: { deep: boolean }) {
		return traced(ctx, "getThing", async () => {
			this.calls.push([userId, options]);
			await new Promise((resolve) => setTimeout(resolve, 1));
			logEvent("warn", "deep inside", { userId });
			return { ok: false, code: "not_found", secret: "hash-of-a-password" };
		});
	}
	/** A helper other code calls synchronously, outside `traced`. */
	config() {
		return { sync: true };
	}
	async seenRequestId(ctx: RpcContext) {
		return traced(ctx, "seenRequestId", () => currentRequestId());
	}
	/** A helper that reads the request id outside any call. */
	peekRequestId() {
		return currentRequestId();
	}
}

const lines = () => {
	const spies = [console.log, console.warn, console.error] as unknown as ReturnType<typeof vi.fn>[];
	return spies.flatMap((spy) => spy.mock.calls.map((call) => JSON.parse(String(call[0]))));
};

/** What a caller that does not follow the contract might send as the context. */
const MALFORMED: unknown[] = [
	undefined,
	null,
	"req-string",
	42,
	[],
	{},
	{ requestId: 42 },
	{ requestId: null },
	{ requestId: { nested: "req" } },
];

describe("request context over RPC", () => {
	afterEach(() => vi.restoreAllMocks());

	it("the caller's context arrives as the first argument, before the caller's own", async () => {
		vi.spyOn(console, "log").mockImplementation(() => {});
		const target = { method: vi.fn((...args: unknown[]) => args.length) };
		expect(await target.method({ requestId: "req-1" }, "a")).toBe(2);
		expect(target.method).toHaveBeenCalledWith({ requestId: "req-1" }, "a");
		expect(readRpcContext(target.method.mock.calls[0]?.[0])).toEqual({ requestId: "req-1" });
		const service = new FakeService();
		expect(await service.seenRequestId({ requestId: "req-1" })).toBe("req-1");
	});

	it("the callee keeps only a string request id, cut to 64 characters", () => {
		expect(readRpcContext({ requestId: "r".repeat(200), userId: "usr_x" })).toEqual({
			requestId: "r".repeat(64),
		});
		for (const value of MALFORMED) expect(readRpcContext(value)).toBeUndefined();
	});

	it("an omitted optional argument stays omitted on the callee's side", async () => {
		vi.spyOn(console, "log").mockImplementation(() => {});
		vi.spyOn(console, "warn").mockImplementation(() => {});
		const service = new FakeService();
		await service.getThing({ requestId: "req-2" }, "user-1");
		expect(service.calls).toEqual([["user-1", undefined]]);
	});

	it("every log line during the call carries the request id; arguments and results never", async () => {
		const log = vi.spyOn(console, "log").mockImplementation(() => {});
		vi.spyOn(console, "warn").mockImplementation(() => {});
		vi.spyOn(console, "error").mockImplementation(() => {});
		await Promise.all([
			new FakeService().getThing({ requestId: "req-3" }, "user-1", { deep: true }),
			new FakeService().getThing({ requestId: "req-4" }, "user-2"),
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
		expect(service.peekRequestId()).toBeUndefined();
		expect(await service.seenRequestId({ requestId: "req-5" })).toBe("req-5");
		expect(log).toHaveBeenCalledTimes(1);
	});

	it.for(MALFORMED.map((value) => [JSON.stringify(value) ?? "undefined", value] as const))(
		"a method called with the malformed context %s still works and logs without a request id",
		async ([, value]) => {
			const log = vi.spyOn(console, "log").mockImplementation(() => {});
			const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
			const service = new FakeService();
			const ctx = value as RpcContext;
			const result = await service.getThing(ctx, "user-6");
			expect(result).toMatchObject({ ok: false, code: "not_found" });
			expect(service.calls).toEqual([["user-6", undefined]]);
			expect(await service.seenRequestId(ctx)).toBeUndefined();
			expect(warn.mock.calls.map((call) => JSON.parse(String(call[0])))).toEqual([
				{ level: "warn", msg: "deep inside", userId: "user-6" },
			]);
			const rpc = log.mock.calls.map((call) => JSON.parse(String(call[0])));
			expect(rpc).toHaveLength(2);
			expect(rpc[0]).toMatchObject({ msg: "rpc", worker: "fake", method: "getThing" });
			for (const line of rpc) expect(line).not.toHaveProperty("requestId");
		},
	);

	it("a call inside another keeps its own context, and a malformed one does not inherit", async () => {
		vi.spyOn(console, "log").mockImplementation(() => {});
		const service = new FakeService();
		const inner = await traced({ requestId: "outer" }, "outer", async () => [
			await service.seenRequestId({ requestId: "inner" }),
			await service.seenRequestId(null as unknown as RpcContext),
			currentRequestId(),
		]);
		expect(inner).toEqual(["inner", undefined, "outer"]);
	});
});
