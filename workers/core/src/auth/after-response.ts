/**
 * Work that must neither delay nor shape an answer, because it depends on whether an account
 * exists (review SP-09, SP-10): it starts only after the handler has returned its response (a
 * timer turn later), waitUntil keeps it alive, and a failure is logged, never thrown.
 */
import { writeLog } from "@smartpages/contracts/log";
import type { Context } from "hono";
import type { AppEnv } from "../types";

export function afterResponse(
	c: Context<AppEnv>,
	what: string,
	task: () => Promise<unknown>,
): void {
	const requestId = c.get("requestId");
	c.executionCtx.waitUntil(
		scheduler
			.wait(0)
			.then(task)
			.then(
				() => undefined,
				(error: unknown) =>
					writeLog("error", `${what} failed`, { requestId, error: String(error) }),
			),
	);
}
