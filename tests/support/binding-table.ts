/**
 * The architecture's binding table as data, and a checker that compares a wrangler config
 * (top level and every environment) against it. Used by the invariant tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ParseError, parse } from "jsonc-parser";

export const ROOT = join(import.meta.dirname, "../..");
export const WORKERS = ["core", "customer", "billing", "mailer", "domain"] as const;
export type WorkerName = (typeof WORKERS)[number];
export const INTERNAL: readonly WorkerName[] = ["customer", "billing", "mailer"];

/** Every wrangler config key that gives a worker access to something. */
const BINDING_KEYS = [
	"kv_namespaces",
	"d1_databases",
	"r2_buckets",
	"services",
	"queues",
	"durable_objects",
	"analytics_engine_datasets",
	"ai",
	"ai_search",
	"browser",
	"vectorize",
	"hyperdrive",
	"workflows",
	"send_email",
	"mtls_certificates",
	"dispatch_namespaces",
	"images",
	"media",
	"version_metadata",
	"ratelimits",
	"unsafe",
	"secrets_store_secrets",
	"assets",
	"tail_consumers",
	"pipelines",
	"containers",
	"vpc_services",
	"worker_loaders",
	"logfwdr",
	"wasm_modules",
	"text_blobs",
	"data_blobs",
] as const;

type BindingKey = (typeof BINDING_KEYS)[number];
type Json = Record<string, unknown>;

/** What each worker may bind: key → exact description of the allowed bindings. */
export const BINDING_TABLE: Record<WorkerName, Partial<Record<BindingKey, string[]>>> = {
	core: {
		kv_namespaces: ["SESSIONS"],
		services: [
			"CUSTOMER→smartpages-customer#CustomerService",
			"BILLING→smartpages-billing#BillingService",
			"MAILER→smartpages-mailer#MailerService",
		],
		ratelimits: ["*"],
	},
	customer: { d1_databases: ["DB"], r2_buckets: ["PAGES→smartpages-pages"] },
	billing: {},
	mailer: { queues: ["*"] },
	// Invariant 2 (issue 17): R2 to read, one Analytics Engine dataset to append counters to.
	domain: {
		r2_buckets: ["PAGES→smartpages-pages"],
		analytics_engine_datasets: ["STATS→smartpages_stats"],
	},
};

export function readWranglerConfig(worker: WorkerName): Json {
	const text = readFileSync(join(ROOT, "workers", worker, "wrangler.jsonc"), "utf8");
	const errors: ParseError[] = [];
	const config = parse(text, errors, { allowTrailingComma: true }) as Json;
	if (errors.length > 0) throw new Error(`${worker}/wrangler.jsonc does not parse`);
	return config;
}

/** The deployed environments every config must define (npm run deploy -- --env NAME). */
export const ENVIRONMENTS = ["staging", "production"] as const;

/**
 * Describes one binding. In an environment, wrangler names a worker `{name}-{env}`, and each
 * environment has its own bucket `{bucket}-{env}`: the suffix is stripped so one table holds for
 * every environment (and a production worker bound to a staging target is a violation).
 */
function describeBinding(key: BindingKey, entry: unknown, env?: string): string {
	const e = (entry ?? {}) as Json;
	const target = (name: unknown) => {
		const text = String(name);
		if (!env) return text;
		return text.endsWith(`-${env}`) ? text.slice(0, -env.length - 1) : `${text} (not -${env})`;
	};
	switch (key) {
		case "services":
			return `${e.binding}→${target(e.service)}#${e.entrypoint ?? "default"}`;
		case "r2_buckets":
			return `${e.binding}→${target(e.bucket_name)}`;
		// One dataset name in every environment: Core's SQL names it (contracts' STATS_DATASET).
		case "analytics_engine_datasets":
			return `${e.binding}→${e.dataset}`;
		default:
			return String(e.binding ?? e.name ?? JSON.stringify(e));
	}
}

/** Binding names (and queue names for queues) a block declares under `key`. */
function bindingNames(key: BindingKey, value: unknown): string[] {
	if (value === undefined) return [];
	if (key === "queues") {
		const q = value as { producers?: Json[]; consumers?: Json[] };
		return [
			...(q.producers ?? []).map((p) => `producer ${p.binding}`),
			...(q.consumers ?? []).map(() => "consumer"),
		];
	}
	const entries: unknown[] = Array.isArray(value) ? value : [value];
	return entries.map((e) => String((e as Json).binding ?? (e as Json).name ?? "?")).sort();
}

/**
 * Wrangler does not inherit bindings, vars or secrets into an environment: every environment must
 * repeat each binding and var of the top level (a missing one would only fail at run time in
 * production), and every deployed environment declares the same required secrets.
 */
export function environmentGaps(worker: WorkerName, config: Json): string[] {
	const gaps: string[] = [];
	const envs = (config.env ?? {}) as Record<string, Json>;
	const secrets = (block: Json) =>
		[...(((block.secrets as Json | undefined)?.required as string[] | undefined) ?? [])].sort();
	for (const name of ENVIRONMENTS) {
		const env = envs[name];
		if (!env) {
			gaps.push(`${worker}: env.${name} is missing`);
			continue;
		}
		for (const key of BINDING_KEYS) {
			const top = bindingNames(key, config[key]);
			const mine = bindingNames(key, env[key]);
			if (JSON.stringify(top) !== JSON.stringify(mine)) {
				gaps.push(`${worker} env.${name}: ${key} [${mine}] differs from top level [${top}]`);
			}
		}
		const topVars = Object.keys((config.vars ?? {}) as Json).sort();
		const envVars = Object.keys((env.vars ?? {}) as Json).sort();
		if (JSON.stringify(topVars) !== JSON.stringify(envVars)) {
			gaps.push(`${worker} env.${name}: vars [${envVars}] differ from top level [${topVars}]`);
		}
		if (JSON.stringify(secrets(env)) !== JSON.stringify(secrets(envs.production ?? {}))) {
			gaps.push(`${worker} env.${name}: required secrets differ from env.production`);
		}
	}
	return gaps;
}

/** Lists every way `config` departs from the binding table and the isolation rules. */
export function bindingViolations(worker: WorkerName, config: Json): string[] {
	const violations: string[] = [];
	const scopes: [string, Json][] = [["top level", config]];
	for (const [name, env] of Object.entries((config.env ?? {}) as Record<string, Json>)) {
		scopes.push([`env.${name}`, env]);
	}
	const allowed = BINDING_TABLE[worker];
	for (const [scope, block] of scopes) {
		const envName = scope === "top level" ? undefined : scope.slice("env.".length);
		for (const key of BINDING_KEYS) {
			const value = block[key];
			if (value === undefined) continue;
			const entries: unknown[] = Array.isArray(value) ? value : [value];
			if (entries.length === 0) continue;
			const rule = allowed[key];
			if (!rule) {
				violations.push(`${worker} ${scope}: may not have ${key}`);
				continue;
			}
			if (rule.includes("*")) continue;
			for (const entry of entries) {
				const description = describeBinding(key, entry, envName);
				if (!rule.includes(description)) {
					violations.push(`${worker} ${scope}: ${key} ${description} is not in the table`);
				}
			}
		}
		if (INTERNAL.includes(worker)) {
			// Explicit in every block, not left to inheritance: a reader of one environment sees it.
			if (block.workers_dev !== false) {
				violations.push(`${worker} ${scope}: workers_dev must be false`);
			}
			if (block.preview_urls !== false) {
				violations.push(`${worker} ${scope}: preview_urls must be false`);
			}
			for (const key of ["routes", "route"]) {
				if (block[key] !== undefined) violations.push(`${worker} ${scope}: may not have ${key}`);
			}
		}
	}
	return [...new Set(violations)];
}
