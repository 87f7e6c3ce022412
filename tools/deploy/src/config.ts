/**
 * What the deploy needs to know about the repository: the workers in deploy order, their
 * wrangler configs (parsed as JSONC), and each environment's resolved view of them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ParseError, parse } from "jsonc-parser";

export const ROOT = join(import.meta.dirname, "../../..");
export const ENVIRONMENTS = ["staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/**
 * Deploy order. A service binding needs its target to exist, so the internal workers go first,
 * then Core (which binds them) and the Domain Worker (which binds nothing but R2).
 */
export const WORKERS = ["customer", "billing", "mailer", "core", "domain"] as const;
export type WorkerName = (typeof WORKERS)[number];

/** The static dashboard's Cloudflare Pages project per environment (created once, see docs). */
export const PAGES_PROJECT: Record<Environment, string> = {
	staging: "smartpages-web-staging",
	production: "smartpages-web-production",
};

export type Json = Record<string, unknown>;

export interface WorkerConfig {
	worker: WorkerName;
	/** Path relative to the repository root, as it appears in commands and messages. */
	path: string;
	raw: Json;
}

/** Parses `workers/{worker}/wrangler.jsonc`. */
export function readWorkerConfig(worker: WorkerName, root = ROOT): WorkerConfig {
	const path = `workers/${worker}/wrangler.jsonc`;
	const errors: ParseError[] = [];
	const raw = parse(readFileSync(join(root, path), "utf8"), errors, {
		allowTrailingComma: true,
	}) as Json;
	if (errors.length > 0) throw new Error(`${path} does not parse as JSONC`);
	return { worker, path, raw };
}

export function readAllConfigs(root = ROOT): WorkerConfig[] {
	return WORKERS.map((worker) => readWorkerConfig(worker, root));
}

/** The environment block of a config, or undefined when the environment is not defined. */
export function envBlock(config: WorkerConfig, env: Environment): Json | undefined {
	return ((config.raw.env ?? {}) as Record<string, Json>)[env];
}

/** The deployed worker name: wrangler appends `-{env}` unless the environment sets its own. */
export function deployedName(config: WorkerConfig, env: Environment): string {
	const block = envBlock(config, env);
	return typeof block?.name === "string" ? block.name : `${String(config.raw.name)}-${env}`;
}

/** Secret names the environment declares in `secrets.required`. */
export function requiredSecrets(config: WorkerConfig, env: Environment): string[] {
	const secrets = envBlock(config, env)?.secrets as { required?: string[] } | undefined;
	return secrets?.required ?? [];
}

/** Name of the environment's D1 database (customer only), used by `d1 migrations apply`. */
export function d1DatabaseName(config: WorkerConfig, env: Environment): string | undefined {
	const databases = envBlock(config, env)?.d1_databases as { database_name?: string }[] | undefined;
	return databases?.[0]?.database_name;
}
