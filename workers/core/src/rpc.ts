/**
 * Core's side of the request context: the service bindings a request (or a cron run) uses are
 * wrapped so that every RPC call carries its request id to the internal worker, which writes it
 * into each of its log lines (@smartpages/contracts/observability), and so that a call that
 * fails because something is down rejects with `503 unavailable` (./http/errors) instead of
 * reaching the 500 path. Call sites stay plain `c.env.CUSTOMER.method(...)`.
 */
import { errorMessage, isStorageFault, isUnavailableError } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import { withRpcContext } from "@smartpages/contracts/rpc-context";
import { ApiError, unavailable } from "./http/errors";

/** `env` with CUSTOMER, BILLING and MAILER carrying `requestId`; every other binding unchanged. */
export function bindRequestId(env: CoreEnv, requestId: string): CoreEnv {
	const context = { requestId };
	const own = (value: object) => ({ value, enumerable: true });
	const bind = <T extends object>(stub: T, service: string) =>
		own(mapOutages(withRpcContext(stub, context), service, requestId));
	// defineProperties, not assignment: `env` is shared by every request of the isolate and an
	// assignment through the prototype chain may reach its setter and leak one request's id into
	// the next. Own properties on a per-request object never touch it.
	return Object.defineProperties(Object.create(env) as CoreEnv, {
		CUSTOMER: bind(env.CUSTOMER, "customer"),
		BILLING: bind(env.BILLING, "billing"),
		MAILER: bind(env.MAILER, "mailer"),
	});
}

/** Properties of a service stub that are not RPC methods of ours. */
const PASS_THROUGH = new Set(["fetch", "connect", "then", "toJSON"]);

/**
 * Whether a rejected RPC call means "down" rather than "bug". Only an error's message and
 * standard class cross the binding, and the runtime sets `remote` on an error that the callee's
 * own code threw (developers.cloudflare.com/durable-objects/best-practices/error-handling/).
 * Down is: the callee's storage failed (it marks that, see traceEntrypoint), a documented
 * transient failure, or a plain `Error` the runtime raised itself (callee unreachable, reset,
 * over its limits). A callee's own TypeError, or a local one such as an argument that cannot be
 * serialised, is a bug and stays a 500.
 */
function isOutage(error: unknown): boolean {
	if (isUnavailableError(error) || isStorageFault(error)) return true;
	if (!(error instanceof Error) || error.name !== "Error") return false;
	return (error as Error & { remote?: unknown }).remote !== true;
}

/** Wraps a stub so that a call failing because something is down rejects with `unavailable`. */
function mapOutages<T extends object>(stub: T, service: string, requestId: string): T {
	return new Proxy(stub, {
		get(target, property) {
			const value = Reflect.get(target, property);
			if (typeof property !== "string" || PASS_THROUGH.has(property)) return value;
			if (typeof value !== "function") return value;
			return async (...args: unknown[]) => {
				try {
					return await Reflect.apply(value, target, args);
				} catch (error) {
					if (error instanceof ApiError || !isOutage(error)) throw error;
					writeLog("error", "dependency unavailable", {
						requestId,
						service,
						method: property,
						detail: errorMessage(error),
					});
					throw unavailable();
				}
			};
		},
	});
}
