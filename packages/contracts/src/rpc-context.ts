/**
 * The request context that travels with every RPC call from Core to an internal worker. JS RPC
 * has no headers, so it is an explicit argument: the first parameter of every RPC method of the
 * Customer, Billing and Mailer Workers (`publishPage(ctx, userId, …)`), passed by Core at each
 * call site (`c.var.rpc`, or the cron's own). The callee reads it through `readRpcContext` (inside
 * `traced`, ./observability), so a malformed one from a caller never crashes a method.
 */

/**
 * Carried per call. Only correlation data, never identity: the user a call acts for is the
 * explicit `userId` argument after it (invariant 3), never anything read from here.
 */
export interface RpcContext {
	requestId: string;
}

/** Longest request id kept: Core's are UUIDs (36) or `cron-` and a UUID (41). */
const REQUEST_ID_LIMIT = 64;

/**
 * The context as the callee may trust it: only a string `requestId`, cut to 64 characters;
 * anything else a caller sent (no object, a wrong type, other fields) counts as no context.
 */
export function readRpcContext(value: unknown): RpcContext | undefined {
	if (typeof value !== "object" || value === null || !("requestId" in value)) return undefined;
	const { requestId } = value;
	return typeof requestId === "string"
		? { requestId: requestId.slice(0, REQUEST_ID_LIMIT) }
		: undefined;
}
