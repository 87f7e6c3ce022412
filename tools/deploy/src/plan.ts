/**
 * The ordered commands of one deploy. Data, not side effects: `--dry-run` prints exactly these,
 * a real deploy runs exactly these, and the tests prove the order.
 */
import {
	d1DatabaseName,
	deployedName,
	type Environment,
	PAGES_PROJECT,
	requiredSecrets,
	type WorkerConfig,
} from "./config.ts";

export interface Step {
	/** What the step is for, printed before it runs. */
	title: string;
	/** `wrangler …` runs the repository's wrangler; `npm …` runs npm. */
	command: string[];
}

/** Read-only account checks that precede any change: auth, then each worker's secret names. */
export function accountChecks(configs: WorkerConfig[], env: Environment): Step[] {
	const steps: Step[] = [{ title: "authentication", command: ["wrangler", "whoami"] }];
	for (const config of configs) {
		if (requiredSecrets(config, env).length === 0) continue;
		steps.push({
			title: `secrets of ${deployedName(config, env)}`,
			command: ["wrangler", "secret", "list", "--format", "json", "--env", env, "-c", config.path],
		});
	}
	return steps;
}

/**
 * Migrations first (new code may need the new schema; every migration is additive, so the old
 * code keeps working), internal workers before Core (its service bindings need their targets),
 * the Domain Worker, then the dashboard. A Time Travel bookmark is printed first, so a bad
 * migration can be rolled back to the moment before it (docs/operations.md).
 */
export function deploySteps(configs: WorkerConfig[], env: Environment): Step[] {
	const steps: Step[] = [];
	const customer = configs.find((c) => c.worker === "customer");
	const database = customer ? d1DatabaseName(customer, env) : undefined;
	if (customer && database) {
		steps.push({
			title: `D1 restore point of ${database} (note the bookmark)`,
			command: [
				"wrangler",
				"d1",
				"time-travel",
				"info",
				database,
				"--env",
				env,
				"-c",
				customer.path,
			],
		});
		steps.push({
			title: `D1 migrations on ${database}`,
			command: [
				"wrangler",
				"d1",
				"migrations",
				"apply",
				database,
				"--remote",
				"--env",
				env,
				"-c",
				customer.path,
			],
		});
	}
	for (const config of configs) {
		steps.push({
			title: `deploy ${deployedName(config, env)}`,
			command: ["wrangler", "deploy", "--env", env, "-c", config.path],
		});
	}
	steps.push({
		title: "build the dashboard",
		command: ["npm", "run", "build", "-w", "@smartpages/web"],
	});
	steps.push({
		title: `deploy the dashboard to Pages (${PAGES_PROJECT[env]})`,
		command: [
			"wrangler",
			"pages",
			"deploy",
			"apps/web/dist",
			"--project-name",
			PAGES_PROJECT[env],
			"--branch",
			"main",
			"--commit-dirty=true",
		],
	});
	return steps;
}

/** A command as an operator would type it (quoted only where needed). */
export function formatCommand(command: string[]): string {
	return command.map((part) => (/^[\w@./:=-]+$/.test(part) ? part : `'${part}'`)).join(" ");
}
