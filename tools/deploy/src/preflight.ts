/**
 * Preflight checks that stop a deploy before it changes anything, each failing with a message
 * that says what is wrong and what to run. Pure functions over configs and command output, so
 * the tests can prove every refusal without an account; deploy.ts runs them in order: offline
 * config checks, then credentials, then what only the account can answer (secrets).
 */
import {
	deployedName,
	type Environment,
	envBlock,
	type Json,
	requiredSecrets,
	type WorkerConfig,
} from "./config.ts";

/** Marker of a value an operator must fill in before the first deploy. */
export const PLACEHOLDER = "REPLACE_ME";
/** RFC 2606 reserves `.example`: the configs use it for domains an operator must choose. */
const PLACEHOLDER_HOST = /\b(?:[a-z0-9-]+\.)*[a-z0-9-]+\.example\b/gi;

/** Where each kind of placeholder comes from, keyed by the config key that holds it. */
const HINTS: Record<string, string> = {
	database_id: "create it with `wrangler d1 create {d1}` and copy the printed database_id",
	id: "create it with `wrangler kv namespace create SESSIONS --env {env}` and copy the id",
	CF_ZONE_ID: "the Zone ID of the pages zone (dashboard → the zone → Overview → API)",
	STRIPE_PRICE_PRO_MONTH: "the monthly price id (price_…) of the Pro product in Stripe",
	STRIPE_PRICE_PRO_YEAR: "the yearly price id (price_…) of the Pro product in Stripe",
};

function walk(value: unknown, path: string, visit: (path: string, text: string) => void): void {
	if (typeof value === "string") {
		visit(path, value);
	} else if (Array.isArray(value)) {
		for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`, visit);
	} else if (value && typeof value === "object") {
		for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`, visit);
	}
}

/**
 * Offline checks of one environment across every config: the environment exists, no resource id
 * or setting is still a `REPLACE_ME…` placeholder, and no route or var uses a `.example` domain.
 */
export function configProblems(configs: WorkerConfig[], env: Environment): string[] {
	const problems: string[] = [];
	for (const config of configs) {
		const block = envBlock(config, env);
		if (!block) {
			problems.push(`${config.path}: has no env.${env} block`);
			continue;
		}
		const hosts = new Set<string>();
		walk(block, `env.${env}`, (path, text) => {
			if (text.includes(PLACEHOLDER)) {
				const key =
					path
						.split(".")
						.at(-1)
						?.replace(/\[\d+\]$/, "") ?? "";
				const d1 = (block.d1_databases as Json[] | undefined)?.[0]?.database_name ?? "";
				const hint = (HINTS[key] ?? "see docs/operations.md")
					.replace("{env}", env)
					.replace("{d1}", String(d1));
				problems.push(`${config.path}: ${path} is a placeholder ("${text}"): ${hint}`);
			}
			for (const host of text.match(PLACEHOLDER_HOST) ?? []) hosts.add(host.toLowerCase());
		});
		if (hosts.size > 0) {
			problems.push(
				`${config.path}: env.${env} uses placeholder domains (${[...hosts].join(", ")}): set your own app, API and pages domains (docs/deploy.md, "Topology")`,
			);
		}
	}
	return problems;
}

/** Wrangler authenticates non-interactively only with an API token and a fixed account. */
export function credentialProblems(processEnv: NodeJS.ProcessEnv): string[] {
	const problems: string[] = [];
	if (!processEnv.CLOUDFLARE_API_TOKEN) {
		problems.push(
			"CLOUDFLARE_API_TOKEN is not set: create an API token (docs/operations.md, 'API token') and export it",
		);
	}
	if (!processEnv.CLOUDFLARE_ACCOUNT_ID) {
		problems.push(
			"CLOUDFLARE_ACCOUNT_ID is not set: export the account id (dashboard → Workers & Pages → Account details)",
		);
	}
	return problems;
}

/** Reads the names from `wrangler secret list --format json` (an array of {name, type}). */
export function parseSecretList(output: string): string[] {
	const start = output.indexOf("[");
	const end = output.lastIndexOf("]");
	if (start < 0 || end < start) throw new Error(`unexpected output: ${output.slice(0, 200)}`);
	const list = JSON.parse(output.slice(start, end + 1)) as { name?: unknown }[];
	return list.map((entry) => String(entry.name));
}

/** Names in `secrets.required` that the deployed worker does not have, as one clear message. */
export function missingSecretProblem(
	config: WorkerConfig,
	env: Environment,
	present: string[],
): string | null {
	const missing = requiredSecrets(config, env).filter((name) => !present.includes(name));
	if (missing.length === 0) return null;
	const commands = missing
		.map((name) => `wrangler secret put ${name} --env ${env} -c ${config.path}`)
		.join("; ");
	return `${deployedName(config, env)} is missing secrets ${missing.join(", ")}: run ${commands}`;
}
