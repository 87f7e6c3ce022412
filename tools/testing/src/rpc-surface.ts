/**
 * The RPC surface of an internal worker, for its surface test: which methods it offers over its
 * service binding (compared with an allow-list), and that each takes the request context first
 * and runs through `traced` (@smartpages/contracts/observability).
 */
import type { RpcContext } from "@smartpages/contracts/rpc-context";

/**
 * The methods a WorkerEntrypoint offers over its service binding: every function on its
 * prototype chain up to WorkerEntrypoint itself. TypeScript's `private` does not hide a method
 * from RPC, so each internal worker's surface test compares this list with an allow-list.
 */
export function rpcMethods(entrypoint: { prototype: object }): string[] {
	const names = new Set<string>();
	let proto: object | null = entrypoint.prototype;
	while (proto && proto !== Object.prototype && proto.constructor.name !== "WorkerEntrypoint") {
		for (const name of Object.getOwnPropertyNames(proto)) {
			const descriptor = Object.getOwnPropertyDescriptor(proto, name);
			if (name !== "constructor" && typeof descriptor?.value === "function") names.add(name);
		}
		proto = Object.getPrototypeOf(proto);
	}
	return [...names].sort();
}

/**
 * RPC methods that do not take the request context first or do not run through `traced` under
 * their own name: read from each method's source, since a parameter list does not exist at
 * runtime. Each surface test expects none; `MethodsWithoutContext` checks the same on the types.
 */
export function methodsWithoutContext(entrypoint: { prototype: object }): string[] {
	return rpcMethods(entrypoint).filter((name) => {
		const source = String(methodOf(entrypoint.prototype, name));
		const takesContext = new RegExp(`^(async\\s+)?${name}\\s*\\(\\s*ctx\\s*[,)]`).test(source);
		return !takesContext || !source.includes(`traced(ctx, "${name}",`);
	});
}

function methodOf(prototype: object, name: string): unknown {
	for (let proto: object | null = prototype; proto; proto = Object.getPrototypeOf(proto)) {
		const descriptor = Object.getOwnPropertyDescriptor(proto, name);
		if (descriptor) return descriptor.value;
	}
	return undefined;
}

/**
 * The RPC methods of an entrypoint (instance type `S`) whose first parameter is not exactly the
 * request context; `never` when every method takes it first. Methods WorkerEntrypoint declares
 * optionally (fetch, queue, …) and does not implement are not functions and so never listed.
 */
export type MethodsWithoutContext<S> = Exclude<
	{
		[K in keyof S]: [S[K]] extends [never]
			? never // WorkerEntrypoint's brand
			: S[K] extends (...args: infer A) => unknown
				? A extends [infer First, ...unknown[]]
					? [First] extends [RpcContext]
						? [RpcContext] extends [First]
							? never
							: K
						: K
					: K
				: never;
	}[keyof S],
	undefined // the optional ones, not implemented
>;
