/**
 * Child processes of the stack: each runs in its own process group so that stopping it also
 * stops the workerd and esbuild processes it spawned (no orphans after Ctrl-C or a test run).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { createServer } from "node:net";

export interface ManagedProcess {
	name: string;
	child: ChildProcess;
	/** Resolves with the exit code once the process has exited. */
	exited: Promise<number | null>;
	/** The last lines it printed (why it failed to start, for a one-line explanation). */
	recentOutput(): string[];
	stop(): Promise<void>;
}

export type LogSink = { kind: "console" } | { kind: "file"; path: string };

/** Starts a command in its own process group, prefixing (console) or appending (file) its output. */
export function startProcess(
	name: string,
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; log: LogSink },
): ManagedProcess {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		detached: true,
		stdio: ["ignore", "pipe", "pipe"],
	});
	let file: WriteStream | null = null;
	if (options.log.kind === "file") file = createWriteStream(options.log.path, { flags: "a" });
	const recent: string[] = [];
	const forward = (chunk: Buffer) => {
		for (const line of chunk.toString("utf8").split("\n")) {
			if (!line.trim()) continue;
			recent.push(line);
			if (recent.length > RECENT_LINES) recent.shift();
		}
		if (file) {
			file.write(chunk);
			return;
		}
		for (const line of chunk.toString("utf8").split("\n")) {
			if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
		}
	};
	child.stdout?.on("data", forward);
	child.stderr?.on("data", forward);
	const exited = new Promise<number | null>((resolve) => {
		child.once("exit", (code) => {
			file?.end();
			resolve(code);
		});
	});
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
		signalGroup(child.pid, "SIGTERM");
		const timedOut = await Promise.race([
			exited.then(() => false),
			new Promise<boolean>((r) => setTimeout(() => r(true), 8000)),
		]);
		// Whatever is left of the group (workerd children) goes too.
		signalGroup(child.pid, timedOut ? "SIGKILL" : "SIGTERM");
		if (timedOut) await exited;
		await new Promise((r) => setTimeout(r, 200));
		signalGroup(child.pid, "SIGKILL");
	};
	return { name, child, exited, stop, recentOutput: () => [...recent] };
}

/** How many output lines a process keeps for explaining a failed start. */
const RECENT_LINES = 60;

/**
 * The line of a failed start's output that says why, in a form a person can act on: a port
 * collision ("Address already in use", EADDRINUSE) first, else the first error line. Null when
 * nothing in it looks like a reason.
 */
export function startFailureReason(lines: string[]): string | null {
	const inUse = lines.find((l) => /address already in use|EADDRINUSE/i.test(l));
	if (inUse) return inUse.trim();
	const error = lines.find((l) => /\berror\b/i.test(l) && !/^\s+at /.test(l));
	return error ? error.trim() : null;
}

/** Whether a port is free to listen on, on IPv4 and (where the machine has it) IPv6 loopback. */
export async function portIsFree(port: number): Promise<boolean> {
	const tryListen = (host: string) =>
		new Promise<boolean>((resolve) => {
			const server = createServer();
			server.once("error", (error: NodeJS.ErrnoException) =>
				// No IPv6 loopback on this machine: nothing can collide there.
				resolve(error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT"),
			);
			server.listen(port, host, () => server.close(() => resolve(true)));
		});
	return (await tryListen("127.0.0.1")) && (await tryListen("::1"));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone.
	}
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function run(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<string> {
	const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
	let output = "";
	child.stdout.on("data", (c: Buffer) => {
		output += c.toString("utf8");
	});
	child.stderr.on("data", (c: Buffer) => {
		output += c.toString("utf8");
	});
	const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
	if (code !== 0) throw new Error(`${[command, ...args].join(" ")} failed (${code}):\n${output}`);
	return output;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			const port = typeof address === "object" && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Polls until `probe` returns true or the deadline passes. */
export async function waitFor(
	what: string,
	probe: () => Promise<boolean>,
	timeoutMs: number,
	failed?: () => string | null,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const reason = failed?.();
		if (reason) throw new Error(`${what}: ${reason}`);
		try {
			if (await probe()) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}
