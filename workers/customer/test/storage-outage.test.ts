/**
 * #15.6 The Customer Worker's side of storage outages: a documented transient failure of D1 or
 * R2 leaves an RPC method as an error marked `unavailable` (which Core answers with 503), with
 * the cause in the worker's log; an error that is a bug (SQL, schema, a constraint) leaves
 * unchanged and stays Core's 500. The entrypoint runs with its real D1 and R2 behind a proxy
 * that fails the way the bindings report outages.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { isStorageFault, isUnavailableError, UNAVAILABLE_MARK } from "@smartpages/contracts";
import { tally } from "@smartpages/testing/security-meta";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CustomerService } from "../src/index";

/** Documented transient failures (D1's error list, R2's error codes, KV's server errors). */
const OUTAGES = [
	"D1_ERROR: D1 DB reset because its code was updated.",
	"D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.",
	"D1_ERROR: Internal error in D1 DB storage caused object to be reset.",
	"D1_ERROR: Network connection lost.",
	"D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.",
	"D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.",
	"D1_ERROR: D1 DB is overloaded. Requests queued for too long.",
	"D1_ERROR: D1 DB is overloaded. Too many requests queued.",
	"D1_ERROR: D1 DB's isolate exceeded its memory limit and was reset.",
	"D1_ERROR: D1 DB exceeded its CPU time limit and was reset.",
	"Too many API requests by single worker invocation.",
	"get: We encountered an internal error. Please try again. (10001)",
	"put: Service is temporarily unavailable. (10043)",
	"put: Reduce your concurrent request rate for the same object. (10058)",
	"KV GET failed: 503 Service Unavailable",
	"KV PUT failed: 429 Too Many Requests",
];

/** Failures that are our own bugs: they must stay a 500. */
const BUGS = [
	"D1_ERROR: no such column: password_hash: SQLITE_ERROR",
	"D1_ERROR: UNIQUE constraint failed: users.email: SQLITE_CONSTRAINT",
	'D1_EXEC_ERROR: Error in line 1: INSERTZ: sql error: near "INSERTZ": syntax error',
	"D1_TYPE_ERROR: Type 'undefined' not supported for value 'undefined'",
	"put: Your metadata headers exceed the maximum allowed metadata size. (10012)",
	"KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.",
	"Cannot read properties of undefined (reading 'id')",
];

/** The DB binding whose every query fails with `message`. */
function failingDb(message: string): D1Database {
	const statement = (): D1PreparedStatement =>
		new Proxy(env.DB.prepare("SELECT 1"), {
			get(target, property) {
				if (property === "bind") return () => statement();
				if (["first", "all", "run", "raw"].includes(String(property)))
					return () => Promise.reject(new Error(message));
				return Reflect.get(target, property);
			},
		});
	return new Proxy(env.DB, {
		get(target, property) {
			if (property === "prepare") return () => statement();
			if (property === "batch" || property === "exec")
				return () => Promise.reject(new Error(message));
			return Reflect.get(target, property);
		},
	});
}

/** The Customer entrypoint with `DB` replaced, called as Core calls it (with the RPC context). */
function customer(DB: D1Database) {
	const service = new CustomerService(createExecutionContext(), { ...env, DB });
	const context = { requestId: "req-outage" };
	return (method: "getAccount" | "listPages", userId: string) => service[method](context, userId);
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("#15.6 storage outages leave the Customer Worker marked unavailable", () => {
	it.for(OUTAGES)("#15.6 recognises the outage %s", (message) => {
		expect(isStorageFault(new Error(message))).toBe(true);
	});

	it.for(BUGS)("#15.6 keeps the bug %s a bug", (message) => {
		expect(isStorageFault(new Error(message))).toBe(false);
	});

	it("#15.6 a D1 outage during a call rejects with the mark, and the cause is logged", async ({
		task,
	}) => {
		tally(task, { faults: 1 });
		const log = vi.spyOn(console, "error").mockImplementation(() => {});
		const call = customer(failingDb("D1_ERROR: D1 DB is overloaded. Too many requests queued."));
		const error = await call("getAccount", "usr_aaaaaaaaaaaaaaaaaaaa").catch((e: unknown) => e);
		expect(isUnavailableError(error)).toBe(true);
		expect(String((error as Error).message)).toBe(`${UNAVAILABLE_MARK} customer.getAccount`);
		const line = JSON.parse(String(log.mock.calls[0]?.[0])) as Record<string, unknown>;
		expect(line).toMatchObject({
			msg: "rpc unavailable",
			requestId: "req-outage",
			method: "getAccount",
			detail: "D1_ERROR: D1 DB is overloaded. Too many requests queued.",
		});
	});

	it("#15.6 a D1 error that is a bug leaves the call unchanged", async () => {
		vi.spyOn(console, "error").mockImplementation(() => {});
		const message = "D1_ERROR: no such column: password_hash: SQLITE_ERROR";
		const error = await customer(failingDb(message))("listPages", "usr_aaaaaaaaaaaaaaaaaaaa").catch(
			(e: unknown) => e,
		);
		expect((error as Error).message).toBe(message);
		expect(isUnavailableError(error)).toBe(false);
	});
});
