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
