/**
 * The account resources an environment needs, read from whatever bindings the configs declare
 * (plus the dashboard's Pages project), and the one command that creates each. The preflight
 * checks exactly this list against the account, its messages name these commands, and a test
 * holds docs/deploy.md's step 1 to them, so the three cannot drift apart.
 */
import {
	deployedName,
	type Environment,
	envBlock,
	type Json,
	PAGES_PROJECT,
	type WorkerConfig,
} from "./config.ts";

/**
 * Where D1 and R2 keep their data in staging and production. Both take it at creation and can
 * never change it; KV has no such option (README, "Security notes").
 */
export const DATA_JURISDICTION = "eu";

/** Days a dead-letter queue keeps messages (operations.md, "Dead letters and replay"). */
const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

interface Common {
	/** "smartpages-customer-production DB", … : who binds it, for messages. */
	usedBy: string[];
	/** Config that holds its id or name, for messages. */
	path: string;
}

export type Resource = Common &
	(
		| { kind: "d1"; name: string; id: string }
		| { kind: "r2"; name: string; jurisdiction: string | undefined }
		| { kind: "kv"; id: string; binding: string }
		| { kind: "queue"; name: string; deadLetter: boolean }
		| { kind: "analytics_engine"; dataset: string }
		| { kind: "pages"; name: string }
	);

/**
 * Binding kinds that need something created in the account beforehand and that the preflight
 * cannot check yet: a config that declares one is refused until resources.ts learns it, rather
 * than deployed with an unchecked dependency. Bindings not listed here and not read below need
 * nothing created (services are deployed by the plan; rate limiters, Durable Objects and
 * Workflows come into being with the deploy).
 */
const UNCHECKED_KINDS = [
	"vectorize",
	"hyperdrive",
	"pipelines",
	"secrets_store_secrets",
	"mtls_certificates",
	"dispatch_namespaces",
	"send_email",
	"vpc_services",
	"ai_search",
] as const;

type Entry = Record<string, unknown>;
const entries = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : []);

/** The resources of `env`, one per name or id, and the bindings the preflight cannot check. */
export function accountResources(
	configs: WorkerConfig[],
	env: Environment,
): { resources: Resource[]; unchecked: string[] } {
	const byKey = new Map<string, Resource>();
	const unchecked: string[] = [];
	const add = (key: string, resource: Resource) => {
		const known = byKey.get(key);
		if (!known) {
			byKey.set(key, resource);
			return;
		}
		known.usedBy.push(...resource.usedBy);
		// A queue that is some consumer's dead-letter queue is created as one, whoever else
		// produces to it.
		if (known.kind === "queue" && resource.kind === "queue" && resource.deadLetter) {
			known.deadLetter = true;
		}
	};
	for (const config of configs) {
		const block: Json = envBlock(config, env) ?? {};
		const worker = deployedName(config, env);
		const path = config.path;
		for (const d of entries(block.d1_databases)) {
			const name = String(d.database_name);
			add(`d1:${name}`, {
				kind: "d1",
				name,
				id: String(d.database_id),
				usedBy: [`${worker} ${d.binding}`],
				path,
			});
		}
		for (const b of entries(block.r2_buckets)) {
			const name = String(b.bucket_name);
			const jurisdiction = typeof b.jurisdiction === "string" ? b.jurisdiction : undefined;
			add(`r2:${jurisdiction ?? "default"}:${name}`, {
				kind: "r2",
				name,
				jurisdiction,
				usedBy: [`${worker} ${b.binding}`],
				path,
			});
		}
		for (const k of entries(block.kv_namespaces)) {
			const id = String(k.id);
			const binding = String(k.binding);
			add(`kv:${id}`, { kind: "kv", id, binding, usedBy: [`${worker} ${binding}`], path });
		}
		const queues = (block.queues ?? {}) as { producers?: Entry[]; consumers?: Entry[] };
		for (const p of queues.producers ?? []) {
			const name = String(p.queue);
			add(`queue:${name}`, {
				kind: "queue",
				name,
				deadLetter: false,
				usedBy: [`${worker} ${p.binding}`],
				path,
			});
		}
		for (const c of queues.consumers ?? []) {
			const name = String(c.queue);
			add(`queue:${name}`, {
				kind: "queue",
				name,
				deadLetter: false,
				usedBy: [`${worker} consumer`],
				path,
			});
			if (typeof c.dead_letter_queue === "string") {
				add(`queue:${c.dead_letter_queue}`, {
					kind: "queue",
					name: c.dead_letter_queue,
					deadLetter: true,
					usedBy: [`${worker} dead letters`],
					path,
				});
			}
		}
		for (const a of entries(block.analytics_engine_datasets)) {
			// Wrangler names the dataset after the binding when `dataset` is left out.
			const dataset = String(a.dataset ?? a.binding);
			add(`ae:${dataset}`, {
				kind: "analytics_engine",
				dataset,
				usedBy: [`${worker} ${a.binding}`],
				path,
			});
		}
		for (const key of UNCHECKED_KINDS) {
			if (block[key] !== undefined) {
				unchecked.push(
					`${path}: env.${env}.${key} needs a resource the deploy preflight cannot check yet; teach tools/deploy/src/resources.ts to check it`,
				);
			}
		}
	}
	add(`pages:${PAGES_PROJECT[env]}`, {
		kind: "pages",
		name: PAGES_PROJECT[env],
		usedBy: ["the dashboard"],
		path: "tools/deploy/src/config.ts",
	});
	return { resources: [...byKey.values()], unchecked };
}

/** A resource as messages name it. */
export function describeResource(resource: Resource): string {
	switch (resource.kind) {
		case "d1":
			return `D1 database ${resource.name}`;
		case "r2":
			return `R2 bucket ${resource.name}`;
		case "kv":
			return `KV namespace ${resource.id} (${resource.binding})`;
		case "queue":
			return `${resource.deadLetter ? "dead-letter queue" : "queue"} ${resource.name}`;
		case "analytics_engine":
			return `Analytics Engine dataset ${resource.dataset}`;
		case "pages":
			return `Pages project ${resource.name}`;
	}
}

/**
 * The command that creates a resource, as docs/deploy.md step 1 has it (with `$ENV` for the
 * environment). Null for an Analytics Engine dataset: Cloudflare creates it on the first write.
 */
export function createCommand(resource: Resource, env: Environment): string[] | null {
	switch (resource.kind) {
		case "d1":
			return ["wrangler", "d1", "create", resource.name, "--jurisdiction", DATA_JURISDICTION];
		case "r2":
			return [
				"wrangler",
				"r2",
				"bucket",
				"create",
				resource.name,
				"--jurisdiction",
				DATA_JURISDICTION,
			];
		case "kv":
			return [
				"wrangler",
				"kv",
				"namespace",
				"create",
				`smartpages-${resource.binding.toLowerCase()}-${env}`,
			];
		case "queue":
			return resource.deadLetter
				? [
						"wrangler",
						"queues",
						"create",
						resource.name,
						"--message-retention-period-secs",
						String(DLQ_RETENTION_SECONDS),
					]
				: ["wrangler", "queues", "create", resource.name];
		case "analytics_engine":
			return null;
		case "pages":
			return [
				"wrangler",
				"pages",
				"project",
				"create",
				resource.name,
				"--production-branch",
				"main",
			];
	}
}

/** The read-only API call that checks a resource, and what it must find (printed by --dry-run). */
export function describeCheck(resource: Resource): string {
	const account = "/accounts/$CLOUDFLARE_ACCOUNT_ID";
	switch (resource.kind) {
		case "d1":
			return `GET ${account}/d1/database?name=${resource.name}: ${resource.name} exists with the database_id of ${resource.path}, jurisdiction ${DATA_JURISDICTION}`;
		case "r2":
			return `GET ${account}/r2/buckets?name_contains=${resource.name} (cf-r2-jurisdiction: ${resource.jurisdiction ?? "default"}): bucket ${resource.name} exists in jurisdiction ${resource.jurisdiction ?? "default"}`;
		case "kv":
			return `GET ${account}/storage/kv/namespaces: namespace ${resource.id} (${resource.binding}) exists`;
		case "queue":
			return `GET ${account}/queues: queue ${resource.name} exists`;
		case "analytics_engine":
			return `Analytics Engine dataset ${resource.dataset}: nothing to check, Cloudflare creates it on the first write`;
		case "pages":
			return `GET ${account}/pages/projects/${resource.name}: the Pages project exists`;
	}
}
