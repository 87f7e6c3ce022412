/**
 * The request context that travels with every RPC call from Core to an internal worker. JS RPC
 * has no headers, so Core's stubs append one branded argument after the caller's own arguments
 * (`withRpcContext`), and the callee strips it again before its method runs (`splitRpcContext`,
 * used by ./observability). Method signatures and the `Service<…>` types stay untouched, and the
 * id never has to be threaded through a single call site.
 */

/** Carried per call. Only correlation data: never identity (that is an explicit argument). */
export interface RpcContext {
	requestId: string;
}

/** The brand of the trailing argument; a key no method argument of ours ever has. */
export const RPC_CONTEXT = "@smartpages/rpc-context";

type Branded = { [RPC_CONTEXT]: RpcContext };

function isBranded(value: unknown): value is Branded {
	if (typeof value !== "object" || value === null || !(RPC_CONTEXT in value)) return false;
	const context = (value as Branded)[RPC_CONTEXT];
	return typeof context === "object" && context !== null && typeof context.requestId === "string";
}

/** Methods a service stub has that are not RPC methods of ours. */
const PASS_THROUGH = new Set(["fetch", "connect", "then", "toJSON"]);

/**
 * Wraps a service binding so that every method call appends the context as its last argument.
 * Properties that are not method calls (symbols, `fetch`, `then`) pass through unchanged.
 */
export function withRpcContext<T extends object>(stub: T, context: RpcContext): T {
	const brand: Branded = { [RPC_CONTEXT]: context };
	return new Proxy(stub, {
		get(target, property) {
			const value = Reflect.get(target, property);
			if (typeof property !== "string" || PASS_THROUGH.has(property)) return value;
			if (typeof value !== "function") return value;
			return (...args: unknown[]) => Reflect.apply(value, target, [...args, brand]);
		},
	});
}

/** Splits a call's arguments into the caller's own and the context Core appended (if any). */
export function splitRpcContext(args: unknown[]): {
	args: unknown[];
	context: RpcContext | undefined;
} {
	const last = args.at(-1);
	if (!isBranded(last)) return { args, context: undefined };
	const { requestId } = last[RPC_CONTEXT];
	return { args: args.slice(0, -1), context: { requestId: requestId.slice(0, 64) } };
}
