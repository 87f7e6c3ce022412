/**
 * One structured log line: a JSON object with `level` and `msg` first, written with the console
 * method of its level (Workers Logs keep the level). The single writer of every worker's log
 * lines; @smartpages/contracts/observability adds the request id of the RPC call being served.
 */

export type LogLevel = "info" | "warn" | "error";

/** Writes `{level, msg, ...fields}` as one JSON line. */
export function writeLog(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
	const line = JSON.stringify({ level, msg, ...fields });
	if (level === "error") console.error(line);
	else if (level === "warn") console.warn(line);
	else console.log(line);
}
