/**
 * Load runs with autocannon, loopback only and bounded in time. Latencies are collected from
 * every answer (autocannon's own histogram keeps whole milliseconds and only 2xx answers, which
 * would hide 304s and sub-millisecond servers), so percentiles here are exact.
 */
import autocannon from "autocannon";
import { groupCpuMs } from "./cpu.ts";

export interface LoadOptions {
	/** Loopback URL of the server (127.0.0.1 and its port). */
	url: string;
	/** Headers of every request, e.g. Host for the Domain Worker or a session Cookie. */
	headers?: Record<string, string>;
	connections: number;
	/** Measured seconds, after `warmupSeconds` that are not counted. */
	seconds: number;
	warmupSeconds: number;
	/** The status every answer must have; anything else fails the run. */
	expectStatus: number;
	/** A process group whose CPU time per answer is measured over the measured part. */
	cpuGroup?: number;
}

export interface LoadResult {
	requests: number;
	/** Socket errors (few enough to be noise; see `load`). */
	errors: number;
	rps: number;
	p50: number;
	p99: number;
	/** CPU ms of `cpuGroup` per answer (NaN without `cpuGroup`). */
	cpuMsPerRequest: number;
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[rank] ?? Number.NaN;
}

/** The middle value; of an even count the mean of the two middle ones (not the lower one). */
export function median(values: number[]): number {
	const sorted = Float64Array.from(values).sort();
	const n = sorted.length;
	if (n === 0) return Number.NaN;
	const upper = sorted[n >> 1] ?? Number.NaN;
	return n % 2 === 1 ? upper : ((sorted[(n >> 1) - 1] ?? Number.NaN) + upper) / 2;
}

/** Runs one bounded load test and returns throughput and latency percentiles (ms). */
export async function load(options: LoadOptions): Promise<LoadResult> {
	if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(options.url)) {
		throw new Error(`load only targets loopback: ${options.url}`);
	}
	const base = { url: options.url, headers: options.headers ?? {}, timeout: 10 };
	if (options.warmupSeconds > 0) {
		await autocannon({
			...base,
			connections: options.connections,
			duration: options.warmupSeconds,
		});
	}
	const latencies: number[] = [];
	const unexpected = new Map<number, number>();
	const cpuBefore = options.cpuGroup ? groupCpuMs(options.cpuGroup) : Number.NaN;
	const instance = autocannon({
		...base,
		connections: options.connections,
		duration: options.seconds,
	});
	instance.on("response", (_client, status, _bytes, ms) => {
		if (status === options.expectStatus) latencies.push(ms);
		else unexpected.set(status, (unexpected.get(status) ?? 0) + 1);
	});
	const result = await instance;
	const cpuMs = options.cpuGroup ? groupCpuMs(options.cpuGroup) - cpuBefore : Number.NaN;
	// A wrong status always fails the run. Socket errors (a connection reset as autocannon stops
	// or a server recycles a connection) fail it only beyond one in ten thousand answers; they are
	// counted in the result either way.
	const tooManyErrors = result.errors > latencies.length / 10_000;
	if (unexpected.size > 0 || tooManyErrors || latencies.length === 0) {
		const statuses = [...unexpected].map(([s, n]) => `${n}× ${s}`).join(", ");
		throw new Error(
			`${options.url}: expected only ${options.expectStatus}; got ${statuses || "none other"}, ${result.errors} errors, ${latencies.length} ok`,
		);
	}
	const sorted = Float64Array.from(latencies).sort();
	return {
		requests: latencies.length,
		errors: result.errors,
		rps: latencies.length / result.duration,
		p50: quantile(sorted, 0.5),
		p99: quantile(sorted, 0.99),
		cpuMsPerRequest: cpuMs / latencies.length,
	};
}
