/**
 * CPU time, measured where it is honest to measure it. `wrangler dev` reports no CPU time per
 * request, so the bench reads the kernel's account of the runtime's processes (utime + stime of
 * every process in the wrangler process group, i.e. workerd running Core, Customer, Billing,
 * Mailer and D1's SQLite, plus wrangler's Node parent) around a known number of requests. The
 * password hash is also timed on its own in Node with the very same Argon2id WebAssembly and the
 * parameters of a hash the running system stored. Each worker's startup CPU comes from
 * `wrangler check startup` (a CPU profile of evaluating the deploy bundle in a local workerd).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import setupWasm from "argon2id/lib/setup.js";
import { run } from "../../tools/stack/src/processes.ts";

const TICKS_PER_SECOND = (() => {
	try {
		return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** The `/proc/{pid}/stat` fields after the command name of every live process of a group. */
function groupStats(groupId: number): { pid: number; fields: string[] }[] {
	const found: { pid: number; fields: string[] }[] = [];
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, "utf8");
		} catch {
			continue;
		}
		// Fields after the command name (which may contain spaces) start after the last ")".
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		if (Number(fields[2]) === groupId) found.push({ pid: Number(entry), fields });
	}
	return found;
}

/** CPU milliseconds (user + system) used so far by every live process of a process group. */
export function groupCpuMs(groupId: number): number {
	let ticks = 0;
	for (const { fields } of groupStats(groupId)) ticks += Number(fields[11]) + Number(fields[12]);
	return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Binds every thread of every process of a group to one CPU (`taskset`); threads and processes
 * they start later inherit it. False when the machine cannot (one CPU, no taskset).
 */
export function pinGroup(groupId: number, cpu: number): boolean {
	if (!canPin()) return false;
	for (const { pid } of groupStats(groupId)) pinProcess(pid, cpu);
	return true;
}

/** Binds every thread of one process to one CPU. */
export function pinProcess(pid: number, cpu: number): void {
	execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
}

/** Two CPUs at least and `taskset` (util-linux) present. */
export function canPin(): boolean {
	if (availableParallelism() < 2) return false;
	try {
		execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
		return true;
	} catch {
		return false;
	}
}

/** Runs `work` and returns the group's CPU milliseconds per unit of work it reports. */
export async function cpuPerUnit(groupId: number, work: () => Promise<number>): Promise<number> {
	const before = groupCpuMs(groupId);
	const units = await work();
	return (groupCpuMs(groupId) - before) / units;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export interface HashCost {
	/** CPU ms of one hash (median of the runs, after warm-up). */
	cpuMs: number;
	cpuMsMin: number;
	wallMs: number;
	params: string;
	/** The recomputed tag equals the stored one: same algorithm, parameters and WebAssembly. */
	matchesStored: boolean;
	simd: boolean;
}

/**
 * Times Argon2id in this Node process with the `argon2id` package's WebAssembly (the module Core
 * imports), recomputing a PHC string the system stored for `password`.
 */
export async function hashCost(phc: string, password: string, runs: number): Promise<HashCost> {
	const m = PHC.exec(phc);
	if (!m) throw new Error(`not an Argon2id PHC string: ${phc.slice(0, 40)}`);
	const [memorySize, passes, parallelism] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const salt = Buffer.from(m[4] ?? "", "base64");
	const tag = Buffer.from(m[5] ?? "", "base64");
	const require = createRequire(import.meta.url);
	const wasm = (name: string) =>
		WebAssembly.compile(readFileSync(require.resolve(`argon2id/dist/${name}.wasm`)));
	let simd = true;
	const compute = await setupWasm(
		async (imports) => ({ instance: await WebAssembly.instantiate(await wasm("simd"), imports) }),
		async (imports) => {
			simd = false;
			return { instance: await WebAssembly.instantiate(await wasm("no-simd"), imports) };
		},
	);
	const once = () =>
		compute({
			password: new TextEncoder().encode(password),
			salt,
			parallelism,
			passes,
			memorySize,
			tagLength: tag.length,
		});
	// V8 runs fresh WebAssembly in its baseline compiler and tiers hot functions up to the
	// optimising one after a few calls; a long-lived isolate hashes with the optimised code.
	const first = once();
	for (let i = 0; i < 3; i++) once();
	const cpu: number[] = [];
	const wall: number[] = [];
	for (let i = 0; i < runs; i++) {
		const c0 = process.cpuUsage();
		const w0 = performance.now();
		once();
		wall.push(performance.now() - w0);
		const c = process.cpuUsage(c0);
		cpu.push((c.user + c.system) / 1000);
	}
	const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
	return {
		cpuMs: mid(cpu),
		cpuMsMin: Math.min(...cpu),
		wallMs: mid(wall),
		params: `m=${memorySize} KiB, t=${passes}, p=${parallelism}`,
		matchesStored: Buffer.from(first).equals(tag),
		simd,
	};
}

/**
 * A worker's startup CPU: `wrangler check startup` builds the deploy bundle, evaluates it in a
 * local workerd under the inspector's profiler and reports the profile's active (non-idle) time,
 * garbage collection included. One local profile is noisy, so the median of `runs`.
 */
export async function startupCpuMs(
	wrangler: string,
	config: string,
	workDir: string,
	runs: number,
): Promise<{ activeMs: number; runsMs: number[] }> {
	const runsMs: number[] = [];
	for (let i = 0; i < runs; i++) {
		const output = await run(
			process.execPath,
			[
				wrangler,
				"check",
				"startup",
				"-c",
				config,
				"--outfile",
				join(workDir, `startup-${i}.cpuprofile`),
			],
			// The build it runs first finds the config from its working directory, not from -c.
			{
				cwd: dirname(config),
				env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
			},
		);
		const active = /Active: ([\d.]+) ms/.exec(output)?.[1];
		if (!active) throw new Error(`wrangler check startup printed no active time:\n${output}`);
		runsMs.push(Number(active));
	}
	const sorted = [...runsMs].sort((a, b) => a - b);
	return { activeMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, runsMs };
}
