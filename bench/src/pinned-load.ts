/**
 * Load and server on CPUs of their own (issue 22.2): on two cores, a server answering thousands
 * of requests a second and the Node process generating them otherwise take turns on the same
 * cores, and the ratio between two servers then says as much about the scheduler as about them.
 * The servers measured are bound to CPU 0 and the load generator, in a process of its own
 * (load-process.ts), to CPU 1: a server's throughput is then what one CPU of it serves.
 */
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { canPin, pinGroup, pinProcess } from "./cpu.ts";
import type { LoadOptions, LoadResult } from "./load.ts";
import type { LoadReply } from "./load-process.ts";

export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

export interface PinnedLoad {
	run(options: LoadOptions): Promise<LoadResult>;
	stop(): Promise<void>;
}

/**
 * A load generator bound to LOAD_CPU, with `serverGroups` bound to SERVER_CPU; null where the
 * machine cannot pin (one CPU, no taskset), and the caller measures in its own process instead.
 */
export async function pinnedLoad(serverGroups: number[]): Promise<PinnedLoad | null> {
	if (!canPin()) return null;
	for (const group of serverGroups) pinGroup(group, SERVER_CPU);
	const child: ChildProcess = fork(join(import.meta.dirname, "load-process.ts"), [], {
		stdio: ["ignore", "inherit", "inherit", "ipc"],
	});
	await new Promise<void>((resolve, reject) => {
		child.once("spawn", resolve);
		child.once("error", reject);
	});
	if (child.pid === undefined) throw new Error("the load process did not start");
	pinProcess(child.pid, LOAD_CPU);
	let queue = Promise.resolve();
	return {
		run(options) {
			const turn = queue.then(
				() =>
					new Promise<LoadResult>((resolve, reject) => {
						const onExit = () => reject(new Error("the load process exited"));
						child.once("exit", onExit);
						child.once("message", (reply: LoadReply) => {
							child.off("exit", onExit);
							if (reply.ok) resolve(reply.result);
							else reject(new Error(reply.error));
						});
						child.send(options);
					}),
			);
			queue = turn.then(
				() => undefined,
				() => undefined,
			);
			return turn;
		},
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once("exit", resolve));
			child.disconnect();
			await exited;
		},
	};
}
