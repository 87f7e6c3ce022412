/**
 * Unit-test output without the workers' JSON log lines (`writeLog` in @smartpages/contracts: one
 * `{"level":…,"msg":…}` line per request, RPC call and mail), which would bury the test results.
 * Two doors need closing: what the worker under test logs reaches vitest's `onConsoleLog`; what
 * its auxiliary workers log, workerd writes to this process's stdout and stderr directly.
 *
 * Tests that assert on log lines spy on `console` inside the worker, before either door, so they
 * still see every line. `SMARTPAGES_LOG=1` shows the lines again, for debugging.
 */

/** Whether the log lines are wanted (`SMARTPAGES_LOG=1`). */
export function showLogs(): boolean {
	return process.env.SMARTPAGES_LOG === "1";
}

/** A structured log line of `writeLog`, as opposed to anything else a test prints. */
export function isLogLine(text: string): boolean {
	return /^\s*\{"level":"(info|warn|error)","msg":/.test(text);
}

/** For a project's `test.onConsoleLog`: drops the log lines the worker under test writes. */
export function onConsoleLog(log: string): false | undefined {
	return !showLogs() && isLogLine(log) ? false : undefined;
}

/**
 * The same for a run of several projects, where vitest asks only the root config: drops the log
 * lines of the named projects (and of output no test is known for).
 */
export function onConsoleLogOf(projects: readonly string[]) {
	return (log: string, _type: string, entity?: { project: { name: string } }) =>
		entity && !projects.includes(entity.project.name) ? undefined : onConsoleLog(log);
}

type Write = typeof process.stdout.write;

/** How many projects of this run asked for quiet streams, and the writes they replaced. */
const state = globalThis as typeof globalThis & {
	__smartpagesQuietLogs?: { users: number; stdout: Write; stderr: Write };
};

/**
 * For a project's global setup (it runs in the vitest process, where workerd's output arrives):
 * drops the log lines the auxiliary workers write. Returns the teardown; the streams are restored
 * when the last project that asked is done.
 */
export function quietAuxiliaryWorkers(): () => void {
	if (showLogs()) return () => {};
	if (!state.__smartpagesQuietLogs) {
		state.__smartpagesQuietLogs = {
			users: 0,
			stdout: process.stdout.write,
			stderr: process.stderr.write,
		};
		process.stdout.write = withoutLogLines(process.stdout, process.stdout.write);
		process.stderr.write = withoutLogLines(process.stderr, process.stderr.write);
	}
	state.__smartpagesQuietLogs.users += 1;
	return () => {
		const quiet = state.__smartpagesQuietLogs;
		if (!quiet || --quiet.users > 0) return;
		process.stdout.write = quiet.stdout;
		process.stderr.write = quiet.stderr;
		state.__smartpagesQuietLogs = undefined;
	};
}

/** `write`, except that a chunk which is one log line is swallowed (its callback still runs). */
function withoutLogLines(stream: NodeJS.WriteStream, write: Write): Write {
	return ((chunk: unknown, ...rest: unknown[]) => {
		if (typeof chunk === "string" && isLogLine(chunk)) {
			const callback = rest.find((arg) => typeof arg === "function");
			if (typeof callback === "function") queueMicrotask(() => callback());
			return true;
		}
		return Reflect.apply(write, stream, [chunk, ...rest]);
	}) as Write;
}
