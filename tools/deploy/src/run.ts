/**
 * One deploy, start to finish, with its effects passed in (how a step runs, where lines go, the
 * configs and the process environment), so the tests run the real sequence against the
 * Cloudflare API stand-in and see exactly which commands would have run. deploy.ts is the CLI.
 */
import { cloudflareApi } from "./cloudflare.ts";
import type { Environment, WorkerConfig } from "./config.ts";
import { accountChecks, deploySteps, formatCommand, type Step } from "./plan.ts";
import {
	configProblems,
	credentialProblems,
	missingSecretProblem,
	parseSecretList,
	resourceProblems,
} from "./preflight.ts";
import { accountResources, describeCheck } from "./resources.ts";

/** A refusal or a stop: a heading and one line per problem; the CLI prints it and exits 1. */
export class DeployStopped extends Error {
	readonly heading: string;
	readonly problems: string[];
	constructor(heading: string, problems: string[]) {
		super(`${heading}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
		this.heading = heading;
		this.problems = problems;
	}
}

export interface DeployOptions {
	env: Environment;
	dryRun: boolean;
	configs: WorkerConfig[];
	processEnv: NodeJS.ProcessEnv;
	/** Runs one step; `capture` returns its output instead of showing it. Rejects on failure. */
	execute(step: Step, capture: boolean): Promise<string>;
	log(line: string): void;
	fetch?: typeof fetch;
}

/** Runs the deploy (or prints it, with dryRun); throws DeployStopped at the first refusal. */
export async function runDeploy(options: DeployOptions): Promise<void> {
	const { env, configs, processEnv, execute, log } = options;
	const offline = configProblems(configs, env);
	const checks = accountChecks(configs, env);
	const steps = deploySteps(configs, env);
	const { resources } = accountResources(configs, env);

	if (options.dryRun) {
		log(`Deploy plan for ${env} (dry run: nothing is executed).\n`);
		if (offline.length > 0) {
			log("The preflight would refuse this deploy now:");
			for (const problem of offline) log(`  - ${problem}`);
			log("");
		}
		log("Preflight (read-only, needs CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID):");
		const [auth, ...secretChecks] = checks;
		if (auth) log(`  ${formatCommand(auth.command)}`);
		log("  account resources, through Cloudflare's API:");
		for (const resource of resources) log(`    ${describeCheck(resource)}`);
		for (const step of secretChecks) log(`  ${formatCommand(step.command)}`);
		log("\nSteps, in order:");
		steps.forEach((step, i) => {
			log(`  ${i + 1}. ${step.title}\n     ${formatCommand(step.command)}`);
		});
		return;
	}

	// 1. Offline: the configs are complete. 2. Credentials are present. 3. The account agrees:
	// the token works, every resource exists where it must, every secret is set. Only then 4.
	if (offline.length > 0) {
		throw new DeployStopped(`deploy to ${env} refused: the configs are not ready`, offline);
	}
	const credentials = credentialProblems(processEnv);
	if (credentials.length > 0) {
		throw new DeployStopped(`deploy to ${env} refused: no credentials`, credentials);
	}
	const [auth, ...secretChecks] = checks;
	if (auth) {
		await execute(auth, true).catch((error: unknown) => {
			throw new DeployStopped(`deploy to ${env} refused`, [
				`wrangler whoami failed; is the API token valid? ${String(error)}`,
			]);
		});
	}
	const api = cloudflareApi({
		token: String(processEnv.CLOUDFLARE_API_TOKEN),
		accountId: String(processEnv.CLOUDFLARE_ACCOUNT_ID),
		baseUrl: processEnv.CLOUDFLARE_API_BASE_URL,
		fetch: options.fetch,
	});
	const absent = await resourceProblems(configs, env, api);
	if (absent.length > 0) {
		throw new DeployStopped(`deploy to ${env} refused: account resources are missing`, absent);
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
	if (missing.length > 0) {
		throw new DeployStopped(`deploy to ${env} refused: secrets are missing`, missing);
	}

	for (const [i, step] of steps.entries()) {
		log(`\n▶ ${i + 1}/${steps.length} ${step.title}\n  ${formatCommand(step.command)}`);
		try {
			await execute(step, false);
		} catch (error) {
			throw new DeployStopped(`deploy to ${env} stopped`, [
				`step ${i + 1} (${step.title}) failed: ${String(error).split("\n")[0]}`,
				"earlier steps are live; fix the cause and run the deploy again (every step is idempotent)",
			]);
		}
	}
	log(`\n✔ ${env} deployed.`);
}
