/**
 * Structured JSON logs for the internal workers, with the request id of the Core request that
 * caused them. `traceEntrypoint` wraps each RPC method of a WorkerEntrypoint: it takes the
 * context Core appended (./rpc-context), runs the method inside an AsyncLocalStorage scope (so
 * any `logEvent` deep in the worker picks the id up), and writes one line per call with the
 * method, the outcome and the duration. A documented transient failure of D1, KV or R2 leaves
 * the method as an error marked `unavailable` (./errors), which Core answers with 503. Calls
 * without that context (a helper calling another method, a test) run untouched. Arguments and
 * results are never logged: they carry password hashes, tokens and personal data. Needs the
 * `nodejs_als` compatibility flag.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { errorMessage, isStorageFault, isUnavailableError, unavailableError } from "./errors";
import { type LogLevel, writeLog } from "./log";
import { type RpcContext, splitRpcContext } from "./rpc-context";

const scope = new AsyncLocalStorage<RpcContext>();

/** The request id of the Core request being served, if this code runs on behalf of one. */
export function currentRequestId(): string | undefined {
	return scope.getStore()?.requestId;
}

/** Writes one JSON log line; the current request id is added when there is one. */
export function logEvent(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
	const requestId = currentRequestId();
	writeLog(level, msg, { ...(requestId ? { requestId } : {}), ...fields });
}

/** `ok`/`code` of a Result-shaped value, without any of its data. */
function outcome(result: unknown): { ok?: boolean; code?: string } {
	if (typeof result !== "object" || result === null || !("ok" in result)) return {};
	const { ok, code } = result as { ok: unknown; code?: unknown };
	if (typeof ok !== "boolean") return {};
	return ok ? { ok } : { ok, ...(typeof code === "string" ? { code } : {}) };
}

type Method = (...args: unknown[]) => unknown;

/**
 * Instruments every RPC method of an entrypoint class (its own prototype methods, not `fetch`).
 * Call once at module load, right after the class: `traceEntrypoint(CustomerService, "customer")`.
 */
export function traceEntrypoint(entrypoint: { prototype: object }, worker: string): void {
	const prototype = entrypoint.prototype as Record<string, unknown>;
	for (const name of Object.getOwnPropertyNames(prototype)) {
		if (name === "constructor" || name === "fetch") continue;
		const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
		if (typeof descriptor?.value !== "function") continue;
		const method = descriptor.value as Method;
		const traced = function (this: unknown, ...raw: unknown[]) {
			const { args, context } = splitRpcContext(raw);
			// Without Core's context this is an internal call (`this.site()`) or a test: untouched.
			if (!context) return method.apply(this, args);
			const started = Date.now();
			return scope.run(context, async () => {
				try {
					const result = await method.apply(this, args);
					logEvent("info", "rpc", {
						worker,
						method: name,
						...outcome(result),
						ms: Date.now() - started,
					});
					return result;
				} catch (error) {
					// A storage outage is not this worker's bug: it leaves marked, so Core answers
					// 503 with Retry-After instead of 500 (../errors.ts). Its message names only the
					// failed operation, never an argument, so the log keeps it for the operator.
					if (isStorageFault(error) || isUnavailableError(error)) {
						logEvent("error", "rpc unavailable", {
							worker,
							method: name,
							detail: errorMessage(error),
							ms: Date.now() - started,
						});
						throw isUnavailableError(error) ? error : unavailableError(`${worker}.${name}`);
					}
					logEvent("error", "rpc threw", {
						worker,
						method: name,
						error: error instanceof Error ? error.name : typeof error,
						ms: Date.now() - started,
					});
					throw error;
				}
			});
		};
		Object.defineProperty(prototype, name, { ...descriptor, value: traced });
	}
}
