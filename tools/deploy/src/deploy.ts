#!/usr/bin/env node
/**
 * `npm run deploy -- --env staging|production [--dry-run]`: preflight, then D1 migrations, the
 * internal workers, Core, the Domain Worker and the dashboard, in that order (plan.ts). Stops at
 * the first failure. `--dry-run` checks the configs offline and prints every command it would
 * run, without credentials and without touching the account.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ENVIRONMENTS, type Environment, ROOT, readAllConfigs } from "./config.ts";
import { accountChecks, deploySteps, formatCommand, type Step } from "./plan.ts";
import {
	configProblems,
	credentialProblems,
	missingSecretProblem,
	parseSecretList,
} from "./preflight.ts";

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
const configs = readAllConfigs();
const offline = configProblems(configs, env);
const checks = accountChecks(configs, env);
const steps = deploySteps(configs, env);

if (dryRun) {
	console.log(`Deploy plan for ${env} (dry run: nothing is executed).\n`);
	if (offline.length > 0) {
		console.log("The preflight would refuse this deploy now:");
		for (const problem of offline) console.log(`  - ${problem}`);
		console.log("");
	}
	console.log("Preflight (read-only, needs CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID):");
	for (const step of checks) console.log(`  ${formatCommand(step.command)}`);
	console.log("\nSteps, in order:");
	steps.forEach((step, i) => {
		console.log(`  ${i + 1}. ${step.title}\n     ${formatCommand(step.command)}`);
	});
	process.exit(0);
}

// 1. Offline: the configs are complete. 2. Credentials are present. 3. The account agrees.
if (offline.length > 0) fail(offline, `deploy to ${env} refused: the configs are not ready`);
const credentials = credentialProblems(process.env);
if (credentials.length > 0) fail(credentials, `deploy to ${env} refused: no credentials`);
const [auth, ...secretChecks] = checks;
if (auth) {
	await execute(auth, true).catch((error: unknown) =>
		fail([`wrangler whoami failed; is the API token valid? ${String(error)}`]),
	);
}
const missing: string[] = [];
for (const step of secretChecks) {
	const config = configs.find((c) => step.command.includes(c.path));
	if (!config) continue;
	try {
		const problem = missingSecretProblem(config, env, parseSecretList(await execute(step, true)));
		if (problem) missing.push(problem);
	} catch (error) {
		missing.push(
			`${step.title} could not be read (${formatCommand(step.command)}); a worker that was never deployed has no secrets yet, so set them first with wrangler secret put (docs/deploy.md): ${String(error).split("\n")[0]}`,
		);
	}
}
if (missing.length > 0) fail(missing, `deploy to ${env} refused: secrets are missing`);

for (const [i, step] of steps.entries()) {
	console.log(`\n▶ ${i + 1}/${steps.length} ${step.title}\n  ${formatCommand(step.command)}`);
	try {
		await execute(step, false);
	} catch (error) {
		fail(
			[
				`step ${i + 1} (${step.title}) failed: ${String(error).split("\n")[0]}`,
				"earlier steps are live; fix the cause and run the deploy again (every step is idempotent)",
			],
			`deploy to ${env} stopped`,
		);
	}
}
console.log(`\n✔ ${env} deployed.`);
