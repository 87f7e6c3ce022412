/**
 * Core's side of the request context: every call of a request to an internal worker passes
 * exactly this request's id as its first argument (`c.var.rpc`, set by the request-id
 * middleware), the id reaches the callee's log lines, and the per-request outage mapping never
 * changes the isolate's shared env (a leak would give every later request the first one's id
 * and nest one wrapper per request).
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CustomerService } from "../../customer/src/index";
import { requestId } from "../src/middleware/request-id";
import { mapOutages } from "../src/rpc";
import type { AppEnv } from "../src/types";

function fakeEnv() {
	const calls: unknown[][] = [];
	const service = { ping: (...args: unknown[]) => calls.push(args) };
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

/** A Core app with the request-id middleware and one route that pings the internal workers. */
const app = new Hono<AppEnv>()
	.use(requestId)
	.get("/customer", async (c) => c.json(await c.env.CUSTOMER.ping(c.var.rpc)))
	.get("/mailer", async (c) => c.json(await c.env.MAILER.ping(c.var.rpc)));

describe("the request context over Core's service bindings", () => {
	afterEach(() => vi.restoreAllMocks());

	it("passes exactly one context per call, first, with this request's id", async () => {
		vi.spyOn(console, "log").mockImplementation(() => {});
		const { env, calls } = fakeEnv();
		const first = await app.request("/customer", {}, env);
		const second = await app.request("/mailer", {}, env);
		expect(calls).toEqual([
			[{ requestId: first.headers.get("X-Request-Id") }],
			[{ requestId: second.headers.get("X-Request-Id") }],
		]);
		expect(first.headers.get("X-Request-Id")).not.toBe(second.headers.get("X-Request-Id"));
	});

	it("the request id reaches the callee's log lines", async () => {
		const log = vi.spyOn(console, "log").mockImplementation(() => {});
		const customer = new CustomerService(createExecutionContext(), {
			DB: env.TEST_DB,
		} as unknown as CustomerEnv);
		const res = await app.request("/customer", {}, { ...env, CUSTOMER: customer });
		expect(await res.json()).toEqual({ service: "customer", ok: true });
		const lines = log.mock.calls.map((call) => JSON.parse(String(call[0])));
		expect(lines).toContainEqual({
			level: "info",
			msg: "rpc",
			requestId: res.headers.get("X-Request-Id"),
			worker: "customer",
			method: "ping",
			ok: true,
			ms: expect.any(Number),
		});
	});

	it("leaves the shared env untouched and every other binding as it was", () => {
		const { env, target, service } = fakeEnv();
		const bound = mapOutages(env, "req-3");
		expect(target.CUSTOMER).toBe(service);
		expect(target.MAILER).toBe(service);
		expect(bound.APP_ORIGIN).toBe("x");
	});
});
