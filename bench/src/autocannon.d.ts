// autocannon ships no types; this is the part of its documented programmatic API the bench uses.
declare module "autocannon" {
	import type { EventEmitter } from "node:events";

	export interface Options {
		url: string;
		connections?: number;
		duration?: number;
		method?: string;
		headers?: Record<string, string>;
		warmup?: { connections?: number; duration?: number };
		timeout?: number;
	}

	export interface Result {
		duration: number;
		errors: number;
		timeouts: number;
		requests: { average: number; total: number };
	}

	/** A running load test: emits "response" per answer and resolves with the summary. */
	export interface Instance extends EventEmitter, PromiseLike<Result> {
		on(
			event: "response",
			listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void,
		): this;
		stop(): void;
	}

	export default function autocannon(options: Options): Instance;
}
