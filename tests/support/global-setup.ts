/**
 * Starts the whole stack once for the "system" project (free ports, throw-away state) and hands
 * its URLs to the tests; stops every process afterwards.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type Stack, seedDemo, startStack } from "../../tools/stack/src/index.ts";

declare module "vitest" {
	export interface ProvidedContext {
		stack: Pick<Stack, "ports" | "urls" | "pids"> & { stateDir: string; logFile: string };
	}
}

export default async function setup(project: TestProject) {
	const stateDir = mkdtempSync(join(tmpdir(), "smartpages-test-"));
	const logFile = join(stateDir, "stack.log");
	let stack: Stack;
	try {
		stack = await startStack({
			stateDir,
			web: "static",
			log: { kind: "file", path: logFile },
			workerVars: {
				// Tests see a publish or a removed domain at once; caching has its own unit tests.
				domain: { MANIFEST_CACHE_SECONDS: "0" },
				// Mail retries in seconds, not minutes, so fault tests converge quickly.
				mailer: { MAIL_RETRY_BASE_SECONDS: "1" },
			},
		});
	} catch (error) {
		throw new Error(`The stack did not start; see ${logFile}\n${String(error)}`);
	}
	try {
		await seedDemo(stack.urls);
	} catch (error) {
		await stack.stop();
		throw new Error(`The demo seed failed; see ${logFile}\n${String(error)}`);
	}
	project.provide("stack", {
		ports: stack.ports,
		urls: stack.urls,
		pids: stack.pids,
		stateDir,
		logFile,
	});
	return async () => {
		await stack.stop();
	};
}
