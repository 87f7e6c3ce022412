/**
 * Watching what Core does while it answers, without changing it: the Customer binding's calls
 * (each written down as it is made, then forwarded) and `scheduler.wait`'s deliberate delays.
 * The enumeration and login-budget tests (routes/auth/) compare these instead of measuring time.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { ResponseOf } from "@smartpages/contracts/api";
import { afterEach } from "vitest";
import { createApp } from "../../src/app";
import { type CallOptions, call, type Endpoint, type Reply } from "./request";

const app = createApp();

export interface Watched<T> extends Reply<T> {
	/** Customer methods called by the time the response was returned. */
	before: string[];
	/** … and once the work after the response has finished. */
	after: string[];
}

/** `call`, through the app with Core's real bindings but the Customer binding watched. */
export async function watchedCall<K extends Endpoint>(
	endpoint: K,
	options: Omit<CallOptions, "via"> = {},
): Promise<Watched<ResponseOf<K>>> {
	const calls: string[] = [];
	const customer = new Proxy(env.CUSTOMER, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property);
			if (typeof property !== "string" || typeof value !== "function") return value;
			return (...args: unknown[]) => {
				calls.push(property);
				return Reflect.apply(value, target, args);
			};
		},
	});
	const watched = Object.create(env, {
		CUSTOMER: { value: customer, enumerable: true },
	}) as typeof env;
	let before: string[] = [];
	const reply = await call(endpoint, {
		...options,
		via: async (request) => {
			const ctx = createExecutionContext();
			const res = await app.fetch(request, watched, ctx);
			before = [...calls];
			await waitOnExecutionContext(ctx);
			return res;
		},
	});
	// Assigned, not spread: a reply's body and error are accessors that throw when absent.
	return Object.assign(reply, { before, after: [...calls] });
}

/**
 * Every wait the code under test asks the runtime for while a test runs (emptied after each
 * test). Call once per test file, at its top level.
 */
export function watchWaits(): number[] {
	const waits: number[] = [];
	const realWait = scheduler.wait.bind(scheduler);
	scheduler.wait = (ms: number) => {
		waits.push(ms);
		return realWait(ms);
	};
	afterEach(() => {
		waits.length = 0;
	});
	return waits;
}
