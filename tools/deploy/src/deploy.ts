#!/usr/bin/env node
/**
 * `npm run deploy -- --env staging|production [--dry-run]`: preflight (configs, credentials, the
 * account's resources and secrets), then D1 migrations, the internal workers, Core, the Domain
 * Worker and the dashboard, in that order (run.ts, plan.ts). Stops at the first failure.
 * `--dry-run` checks the configs offline and prints every check and command it would run, without
 * credentials and without touching the account.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ENVIRONMENTS, type Environment, ROOT, readAllConfigs } from "./config.ts";
import type { Step } from "./plan.ts";
import { DeployStopped, runDeploy } from "./run.ts";

const USAGE = "usage: npm run deploy -- --env staging|production [--dry-run]";

function parseArgs(argv: string[]): { env: Environment; dryRun: boolean } {
	let env: string | undefined;
	let dryRun = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? "";
		if (arg === "--dry-run") dryRun = true;
		else if (arg === "--env" || arg === "-e") env = argv[++i];
		else if (arg.startsWith("--env=")) env = arg.slice("--env=".length);
		else fail([`unknown argument ${arg}`, USAGE]);
	}
	if (!env || !(ENVIRONMENTS as readonly string[]).includes(env)) {
		fail([env ? `unknown environment "${env}"` : "no environment given", USAGE]);
	}
	return { env: env as Environment, dryRun };
}

function fail(problems: string[], heading = "deploy refused"): never {
	console.error(`✘ ${heading}:`);
	for (const problem of problems) console.error(`  - ${problem}`);
	process.exit(1);
}

const require = createRequire(import.meta.url);
const WRANGLER = join(
	dirname(require.resolve("wrangler/package.json", { paths: [ROOT] })),
	"bin/wrangler.js",
);

/** Runs one step with inherited output, or captures it; rejects with the output on failure. */
function execute(step: Step, capture: boolean): Promise<string> {
	const [program, ...args] = step.command;
	const [command, argv] =
		program === "wrangler" ? [process.execPath, [WRANGLER, ...args]] : [String(program), args];
	return new Promise((resolve, reject) => {
		const child = spawn(command, argv, {
			cwd: ROOT,
			env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
			stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
		});
		let output = "";
		child.stdout?.on("data", (chunk: Buffer) => {
			output += chunk.toString("utf8");
		});
		child.stderr?.on("data", (chunk: Buffer) => {
			output += chunk.toString("utf8");
		});
		child.once("error", reject);
		child.once("exit", (code) =>
			code === 0 ? resolve(output) : reject(new Error(`exit ${code}\n${output.trim()}`)),
		);
	});
}

const { env, dryRun } = parseArgs(process.argv.slice(2));
try {
	await runDeploy({
		env,
		dryRun,
		configs: readAllConfigs(),
		processEnv: process.env,
		execute,
		log: (line) => console.log(line),
	});
} catch (error) {
	if (error instanceof DeployStopped) fail(error.problems, error.heading);
	throw error;
}
