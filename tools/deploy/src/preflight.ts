/**
 * Preflight checks that stop a deploy before it changes anything, each failing with a message
 * that says what is wrong and what to run. Pure functions over configs and command output, so
 * the tests can prove every refusal without an account (the account's resources are read through
 * an injected API client); run.ts runs them in order: offline config checks, then credentials,
 * then what only the account can answer (resources, secrets).
 */
import { type CloudflareApi, CloudflareApiError, listAll } from "./cloudflare.ts";
import {
	deployedName,
	type Environment,
	envBlock,
	type Json,
	requiredSecrets,
	type WorkerConfig,
} from "./config.ts";
import { formatCommand } from "./plan.ts";
import {
	accountResources,
	createCommand,
	DATA_JURISDICTION,
	describeResource,
	type Resource,
} from "./resources.ts";

/** Marker of a value an operator must fill in before the first deploy. */
export const PLACEHOLDER = "REPLACE_ME";
/** RFC 2606 reserves `.example`: the configs use it for domains an operator must choose. */
const PLACEHOLDER_HOST = /\b(?:[a-z0-9-]+\.)*[a-z0-9-]+\.example\b/gi;

/** Where each kind of placeholder comes from, keyed by the config key that holds it. */
const HINTS: Record<string, string> = {
	database_id:
		"create it with `wrangler d1 create {d1} --jurisdiction eu` and copy the printed database_id",
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
		for (const [i, bucket] of ((block.r2_buckets ?? []) as Json[]).entries()) {
			if (bucket.jurisdiction !== DATA_JURISDICTION) {
				problems.push(
					`${config.path}: env.${env}.r2_buckets[${i}] (${String(bucket.bucket_name)}) has jurisdiction ${JSON.stringify(bucket.jurisdiction ?? null)}, not "${DATA_JURISDICTION}": customer data stays in the EU, so set "jurisdiction": "${DATA_JURISDICTION}" and bind a bucket created with --jurisdiction ${DATA_JURISDICTION} (docs/deploy.md, step 1)`,
				);
			}
		}
	}
	problems.push(...accountResources(configs, env).unchecked);
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

/** "…: create it with `wrangler …`" for a resource that does not exist yet. */
function createHint(resource: Resource, env: Environment): string {
	const command = createCommand(resource, env);
	return command ? `create it with \`${formatCommand(command)}\` (docs/deploy.md, step 1)` : "";
}

/** The API permission a read needs, named as the token dialog names it (operations.md). */
const PERMISSION: Record<Resource["kind"], string> = {
	d1: "D1",
	r2: "Workers R2 Storage",
	kv: "Workers KV Storage",
	queue: "Queues",
	analytics_engine: "Account Analytics",
	pages: "Cloudflare Pages",
};

/**
 * Asks the account whether every resource of `env` exists, read-only: D1 databases by name (with
 * the configured database_id and the EU jurisdiction), R2 buckets in their jurisdiction (a bucket
 * of that name outside it is named as such), KV namespaces by id, queues by name and the Pages
 * project. Each problem names the resource, who needs it and the command that creates it.
 */
export async function resourceProblems(
	configs: WorkerConfig[],
	env: Environment,
	api: CloudflareApi,
): Promise<string[]> {
	const problems: string[] = [];
	const lists = new Map<string, Promise<unknown[]>>();
	// One read per list, however many resources it answers for.
	const cached = (key: string, read: () => Promise<unknown[]>) => {
		let list = lists.get(key);
		if (!list) {
			list = read();
			lists.set(key, list);
		}
		return list;
	};
	const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
	const bucketsIn = (name: string, jurisdiction: string) =>
		cached(`r2:${jurisdiction}:${name}`, () =>
			listAll(
				api,
				"r2/buckets",
				(result) => asArray((result as { buckets?: unknown } | null)?.buckets),
				{ name_contains: name },
				{ "cf-r2-jurisdiction": jurisdiction },
			),
		) as Promise<Json[]>;

	for (const resource of accountResources(configs, env).resources) {
		const what = `${describeResource(resource)} (needed by ${resource.usedBy.join(", ")})`;
		const missing = `${what} does not exist in account ${api.accountId}: ${createHint(resource, env)}`;
		try {
			switch (resource.kind) {
				case "d1": {
					const databases = (await cached(`d1:${resource.name}`, () =>
						listAll(api, "d1/database", asArray, { name: resource.name }),
					)) as Json[];
					const found = databases.find((d) => d.name === resource.name);
					if (!found) {
						problems.push(`${missing}, then put the printed database_id into ${resource.path}`);
					} else if (found.uuid !== resource.id) {
						problems.push(
							`${what}: ${resource.path} has database_id ${resource.id}, but the account's database of that name is ${String(found.uuid)}; copy the right id`,
						);
					} else if (found.jurisdiction !== DATA_JURISDICTION) {
						problems.push(
							`${what} is not in the EU jurisdiction (jurisdiction ${JSON.stringify(found.jurisdiction ?? null)}), and a database's jurisdiction cannot be changed after creation: export it (wrangler d1 export), create a database with \`wrangler d1 create … --jurisdiction ${DATA_JURISDICTION}\`, import the export and put the new database_id into ${resource.path}`,
						);
					}
					break;
				}
				case "r2": {
					const jurisdiction = resource.jurisdiction ?? "default";
					const inPlace = await bucketsIn(resource.name, jurisdiction);
					if (inPlace.some((b) => b.name === resource.name)) break;
					const elsewhere = [];
					for (const other of ["default", DATA_JURISDICTION].filter((j) => j !== jurisdiction)) {
						const list = await bucketsIn(resource.name, other);
						if (list.some((b) => b.name === resource.name)) elsewhere.push(other);
					}
					problems.push(
						elsewhere.length > 0
							? `${what} exists only outside the ${jurisdiction === "default" ? "default" : jurisdiction.toUpperCase()} jurisdiction (in: ${elsewhere.join(", ")}), and a bucket's jurisdiction cannot be changed after creation: ${createHint(resource, env)}, copy the objects over and delete the old bucket`
							: missing,
					);
					break;
				}
				case "kv": {
					const namespaces = (await cached("kv", () =>
						listAll(api, "storage/kv/namespaces", asArray),
					)) as Json[];
					if (!namespaces.some((n) => n.id === resource.id)) {
						problems.push(`${missing}, then put the printed id into ${resource.path}`);
					}
					break;
				}
				case "queue": {
					const queues = (await cached("queues", () => listAll(api, "queues", asArray))) as Json[];
					if (!queues.some((q) => q.queue_name === resource.name)) problems.push(missing);
					break;
				}
				case "analytics_engine":
					// Cloudflare creates a dataset on its first write; there is nothing to create.
					break;
				case "pages": {
					try {
						await api.get(`pages/projects/${encodeURIComponent(resource.name)}`);
					} catch (error) {
						if (error instanceof CloudflareApiError && error.status === 404) {
							problems.push(missing);
						} else throw error;
					}
					break;
				}
			}
		} catch (error) {
			if (error instanceof CloudflareApiError && error.status === 401) {
				// The token itself was refused: every further read would say the same.
				return [
					`the Cloudflare API refused the token (${error.message}): check CLOUDFLARE_API_TOKEN (operations.md, "API token")`,
				];
			}
			const denied = error instanceof CloudflareApiError && error.status === 403;
			problems.push(
				denied
					? `${what} could not be checked: ${error.message}; the API token needs ${PERMISSION[resource.kind]} Read (or Edit) on account ${api.accountId} (operations.md, "API token")`
					: `${what} could not be checked: ${String(error instanceof Error ? error.message : error)}`,
			);
		}
	}
	return problems;
}
