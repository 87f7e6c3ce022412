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
	domain: { r2_buckets: ["PAGES→smartpages-pages"] },
};

export function readWranglerConfig(worker: WorkerName): Json {
	const text = readFileSync(join(ROOT, "workers", worker, "wrangler.jsonc"), "utf8");
	const errors: ParseError[] = [];
	const config = parse(text, errors, { allowTrailingComma: true }) as Json;
	if (errors.length > 0) throw new Error(`${worker}/wrangler.jsonc does not parse`);
	return config;
}

function describeBinding(key: BindingKey, entry: unknown): string {
	const e = (entry ?? {}) as Json;
	switch (key) {
		case "services":
			return `${e.binding}→${e.service}#${e.entrypoint ?? "default"}`;
		case "r2_buckets":
			return `${e.binding}→${e.bucket_name}`;
		default:
			return String(e.binding ?? e.name ?? JSON.stringify(e));
	}
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
				const description = describeBinding(key, entry);
				if (!rule.includes(description)) {
					violations.push(`${worker} ${scope}: ${key} ${description} is not in the table`);
				}
			}
		}
		if (INTERNAL.includes(worker)) {
			if (block.workers_dev !== false && scope === "top level") {
				violations.push(`${worker} ${scope}: workers_dev must be false`);
			}
			if (block.preview_urls !== false && scope === "top level") {
				violations.push(`${worker} ${scope}: preview_urls must be false`);
			}
			if ("workers_dev" in block && block.workers_dev !== false) {
				violations.push(`${worker} ${scope}: workers_dev must be false`);
			}
			if ("preview_urls" in block && block.preview_urls !== false) {
				violations.push(`${worker} ${scope}: preview_urls must be false`);
			}
			for (const key of ["routes", "route"]) {
				if (block[key] !== undefined) violations.push(`${worker} ${scope}: may not have ${key}`);
			}
		}
	}
	return [...new Set(violations)];
}
