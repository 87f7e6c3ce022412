/**
 * Core's outage mapping for its service bindings: the bindings a request (or a cron run) uses are
 * wrapped so that a call that fails because something is down rejects with `503 unavailable`
 * (./http/errors) instead of reaching the 500 path, logged with the request id. The wrapper
 * changes nothing else: each call passes its request context (`c.var.rpc`) itself, as the first
 * argument (@smartpages/contracts/rpc-context).
 */
import { errorMessage, isStorageFault, isUnavailableError } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import { ApiError, unavailable } from "./http/errors";

/**
 * `env` whose CUSTOMER, BILLING and MAILER answer an outage as `unavailable` (logged with
 * `requestId`); every other binding unchanged.
 */
export function mapOutages(env: CoreEnv, requestId: string): CoreEnv {
	const own = <T extends object>(stub: T, service: string) => ({
		value: mapStubOutages(stub, service, requestId),
		enumerable: true,
	});
	// defineProperties, not assignment: `env` is shared by every request of the isolate and an
	// assignment through the prototype chain may reach its setter and leak one request's id into
	// the next. Own properties on a per-request object never touch it.
	return Object.defineProperties(Object.create(env) as CoreEnv, {
		CUSTOMER: own(env.CUSTOMER, "customer"),
		BILLING: own(env.BILLING, "billing"),
		MAILER: own(env.MAILER, "mailer"),
	});
}

/** Properties of a service stub that are not RPC methods of ours. */
const PASS_THROUGH = new Set(["fetch", "connect", "then", "toJSON"]);

/**
 * Whether a rejected RPC call means "down" rather than "bug". Only an error's message and
 * standard class cross the binding, and the runtime sets `remote` on an error that the callee's
 * own code threw (developers.cloudflare.com/durable-objects/best-practices/error-handling/).
 * Down is: the callee's storage failed (it marks that, see `traced`), a documented
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
function mapStubOutages<T extends object>(stub: T, service: string, requestId: string): T {
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
