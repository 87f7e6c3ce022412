#!/usr/bin/env node
/**
 * The load generator in a process of its own (bench/src/pinned-load.ts starts it): runs one
 * `load()` per message from its parent and answers with the result or the error's message. At
 * thousands of answers a second the generator needs a CPU as much as the server does; on its own
 * process it can be bound to a CPU other than the server's.
 */
import { type LoadOptions, type LoadResult, load } from "./load.ts";

export type LoadReply = { ok: true; result: LoadResult } | { ok: false; error: string };

process.on("message", (options: LoadOptions) => {
	load(options).then(
		(result) => process.send?.({ ok: true, result } satisfies LoadReply),
		(error: unknown) => process.send?.({ ok: false, error: String(error) } satisfies LoadReply),
	);
});
process.on("disconnect", () => process.exit(0));
