/**
 * Structured JSON logs for the internal workers, with the request id of the Core request that
 * caused them. Every RPC method of a WorkerEntrypoint runs its body through `traced` (made once
 * per worker by `tracer`), passing the context Core gave it as its first argument
 * (./rpc-context): the body runs inside an AsyncLocalStorage scope (so any `logEvent` deep in the
 * worker picks the id up), and one line per call names the method, the outcome and the duration.
 * A documented transient failure of D1, KV or R2 leaves the method as an error marked
 * `unavailable` (./errors), which Core answers with 503. Code outside `traced` (a queue consumer,
 * a module helper called directly) runs without a request id. Arguments and results are never
 * logged: they carry password hashes, tokens and personal data. Needs the `nodejs_als`
 * compatibility flag.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { errorMessage, isStorageFault, isUnavailableError, unavailableError } from "./errors";
import { type LogLevel, writeLog } from "./log";
import { type RpcContext, readRpcContext } from "./rpc-context";

/** The context of the call being served; `null` in a call that came without a usable one. */
const scope = new AsyncLocalStorage<RpcContext | null>();

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

/** An RPC method's body, run by `traced`. */
type Body<T> = () => T | Promise<T>;

/**
 * The wrapper every RPC method of an internal worker's entrypoint calls, visibly:
 * `return traced(ctx, "publishPage", () => publish.tryPublishPage(…))`. It reads the context the
 * caller passed (a malformed one counts as none: no request id, never a crash), runs the body
 * inside an AsyncLocalStorage scope (so any `logEvent` deep in the worker picks the id up), writes
 * one line per call with the method, the outcome and the duration, and leaves a storage outage
 * marked `unavailable`. Call once per worker at module load: `const traced = tracer("customer")`.
 */
export function tracer(worker: string) {
	return <T>(ctx: RpcContext, method: string, body: Body<T>): Promise<T> =>
		scope.run(readRpcContext(ctx) ?? null, () => runTraced(worker, method, body));
}

async function runTraced<T>(worker: string, method: string, body: Body<T>): Promise<T> {
	const started = Date.now();
	try {
		const result = await body();
		logEvent("info", "rpc", { worker, method, ...outcome(result), ms: Date.now() - started });
		return result;
	} catch (error) {
		// A storage outage is not this worker's bug: it leaves marked, so Core answers 503 with
		// Retry-After instead of 500 (../errors.ts). Its message names only the failed operation,
		// never an argument, so the log keeps it for the operator.
		if (isStorageFault(error) || isUnavailableError(error)) {
			logEvent("error", "rpc unavailable", {
				worker,
				method,
				detail: errorMessage(error),
				ms: Date.now() - started,
			});
			throw isUnavailableError(error) ? error : unavailableError(`${worker}.${method}`);
		}
		logEvent("error", "rpc threw", {
			worker,
			method,
			error: error instanceof Error ? error.name : typeof error,
			ms: Date.now() - started,
		});
		throw error;
	}
}
