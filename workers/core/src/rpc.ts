/**
 * Core's side of the request context: the service bindings a request (or a cron run) uses are
 * wrapped so that every RPC call carries its request id to the internal worker, which writes it
 * into each of its log lines (@smartpages/contracts/observability). Call sites stay plain
 * `c.env.CUSTOMER.method(...)`.
 */
import { withRpcContext } from "@smartpages/contracts/rpc-context";

/** `env` with CUSTOMER, BILLING and MAILER carrying `requestId`; every other binding unchanged. */
export function bindRequestId(env: CoreEnv, requestId: string): CoreEnv {
	const context = { requestId };
	const own = (value: object) => ({ value, enumerable: true });
	// defineProperties, not assignment: `env` is shared by every request of the isolate and an
	// assignment through the prototype chain may reach its setter and leak one request's id into
	// the next. Own properties on a per-request object never touch it.
	return Object.defineProperties(Object.create(env) as CoreEnv, {
		CUSTOMER: own(withRpcContext(env.CUSTOMER, context)),
		BILLING: own(withRpcContext(env.BILLING, context)),
		MAILER: own(withRpcContext(env.MAILER, context)),
	});
}
