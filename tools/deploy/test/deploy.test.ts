/**
 * The deploy command without an account: the preflight refuses placeholders, missing credentials
 * and missing secrets with clear messages, and the plan runs migrations, internal workers, Core,
 * the Domain Worker and the dashboard in that order. The CLI's --dry-run is run for real.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
	deployedName,
	ENVIRONMENTS,
	type Json,
	ROOT,
	readAllConfigs,
	type WorkerConfig,
} from "../src/config.ts";
import { accountChecks, deploySteps, formatCommand } from "../src/plan.ts";
import {
	configProblems,
	credentialProblems,
	missingSecretProblem,
	parseSecretList,
} from "../src/preflight.ts";

/** The repository's configs as an operator would have filled them in. */
function filledConfigs(): WorkerConfig[] {
	const fill = (value: unknown): unknown => {
		if (typeof value === "string") {
			return value
				.replace(/REPLACE_ME_\w+/g, "0f1e2d3c4b5a69788796a5b4c3d2e1f0")
				.replace(/\.example\b/g, ".com");
		}
		if (Array.isArray(value)) return value.map(fill);
		if (value && typeof value === "object") {
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
		}
		return value;
	};
	return readAllConfigs().map((c) => ({ ...c, raw: fill(c.raw) as Json }));
}

describe("preflight: configs (offline)", () => {
	it.each(ENVIRONMENTS)("refuses %s while resource ids are placeholders", (env) => {
		const problems = configProblems(readAllConfigs(), env);
		const text = problems.join("\n");
		expect(text).toContain(
			`workers/customer/wrangler.jsonc: env.${env}.d1_databases[0].database_id is a placeholder`,
		);
		expect(text).toContain(`wrangler d1 create smartpages-${env}`);
		expect(text).toContain(`workers/core/wrangler.jsonc: env.${env}.kv_namespaces[0].id`);
		expect(text).toContain("STRIPE_PRICE_PRO_MONTH is a placeholder");
		expect(text).toContain("CF_ZONE_ID is a placeholder");
		expect(text).toMatch(/placeholder domains \(.*smartpages\.example/);
	});

	it("accepts configs whose placeholders are all filled in", () => {
		for (const env of ENVIRONMENTS) expect(configProblems(filledConfigs(), env)).toEqual([]);
	});

	it("names the one placeholder left", () => {
		const configs = filledConfigs();
		const core = configs.find((c) => c.worker === "core") as WorkerConfig;
		const production = (core.raw.env as Record<string, Json>).production as Json;
		production.kv_namespaces = [{ binding: "SESSIONS", id: "REPLACE_ME_production_kv" }];
		expect(configProblems(configs, "production")).toEqual([
			'workers/core/wrangler.jsonc: env.production.kv_namespaces[0].id is a placeholder ("REPLACE_ME_production_kv"): create it with `wrangler kv namespace create SESSIONS --env production` and copy the id',
		]);
		expect(configProblems(configs, "staging")).toEqual([]);
	});

	it("refuses an environment a config does not define", () => {
		const configs = filledConfigs();
		const mailer = configs.find((c) => c.worker === "mailer") as WorkerConfig;
		delete (mailer.raw.env as Record<string, Json>).staging;
		expect(configProblems(configs, "staging")).toEqual([
			"workers/mailer/wrangler.jsonc: has no env.staging block",
		]);
	});
});

describe("preflight: credentials and secrets", () => {
	it("requires an API token and an account id", () => {
		expect(credentialProblems({})).toEqual([
			expect.stringContaining("CLOUDFLARE_API_TOKEN is not set"),
			expect.stringContaining("CLOUDFLARE_ACCOUNT_ID is not set"),
		]);
		expect(credentialProblems({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_ACCOUNT_ID: "a" })).toEqual(
			[],
		);
	});

	it("lists every missing secret with the command that sets it", () => {
		const billing = readAllConfigs().find((c) => c.worker === "billing") as WorkerConfig;
		const listed = parseSecretList('[{"name":"STRIPE_SECRET_KEY","type":"secret_text"}]');
		expect(missingSecretProblem(billing, "production", listed)).toBe(
			"smartpages-billing-production is missing secrets STRIPE_WEBHOOK_SECRET: run wrangler secret put STRIPE_WEBHOOK_SECRET --env production -c workers/billing/wrangler.jsonc",
		);
		expect(missingSecretProblem(billing, "staging", [])).toContain(
			"missing secrets STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET",
		);
		expect(
			missingSecretProblem(billing, "staging", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]),
		).toBeNull();
	});

	it("checks the secrets of exactly the workers that declare some, after authentication", () => {
		const checks = accountChecks(readAllConfigs(), "production").map((s) =>
			formatCommand(s.command),
		);
		expect(checks).toEqual([
			"wrangler whoami",
			"wrangler secret list --format json --env production -c workers/customer/wrangler.jsonc",
			"wrangler secret list --format json --env production -c workers/billing/wrangler.jsonc",
			"wrangler secret list --format json --env production -c workers/mailer/wrangler.jsonc",
		]);
	});
});

describe("plan", () => {
	const commands = (env: (typeof ENVIRONMENTS)[number]) =>
		deploySteps(readAllConfigs(), env).map((s) => formatCommand(s.command));

	it.each(ENVIRONMENTS)("%s: migrations, internal workers, core, domain, then Pages", (env) => {
		expect(commands(env)).toEqual([
			`wrangler d1 time-travel info smartpages-${env} --env ${env} -c workers/customer/wrangler.jsonc`,
			`wrangler d1 migrations apply smartpages-${env} --remote --env ${env} -c workers/customer/wrangler.jsonc`,
			`wrangler deploy --env ${env} -c workers/customer/wrangler.jsonc`,
			`wrangler deploy --env ${env} -c workers/billing/wrangler.jsonc`,
			`wrangler deploy --env ${env} -c workers/mailer/wrangler.jsonc`,
			`wrangler deploy --env ${env} -c workers/core/wrangler.jsonc`,
			`wrangler deploy --env ${env} -c workers/domain/wrangler.jsonc`,
			"npm run build -w @smartpages/web",
			`wrangler pages deploy apps/web/dist --project-name smartpages-web-${env} --branch main --commit-dirty=true`,
		]);
	});

	it.each(ENVIRONMENTS)("%s: every service binding target is deployed before its caller", (env) => {
		const configs = readAllConfigs();
		const order = configs.map((c) => deployedName(c, env));
		for (const [i, config] of configs.entries()) {
			const block = (config.raw.env as Record<string, Json>)[env] as Json;
			for (const service of (block.services ?? []) as { service: string }[]) {
				expect(
					order.indexOf(service.service),
					`${service.service} before ${order[i]}`,
				).toBeGreaterThan(-1);
				expect(order.indexOf(service.service)).toBeLessThan(i);
			}
		}
	});
});

describe("npm run deploy (CLI)", () => {
	const cli = (...args: string[]) =>
		spawnSync(process.execPath, [join(ROOT, "tools/deploy/src/deploy.ts"), ...args], {
			cwd: ROOT,
			encoding: "utf8",
			env: { ...process.env, CLOUDFLARE_API_TOKEN: "", CLOUDFLARE_ACCOUNT_ID: "" },
		});

	it("--dry-run prints the preflight findings and every command, and runs nothing", () => {
		const result = cli("--env", "production", "--dry-run");
		expect(result.status).toBe(0);
		expect(result.stdout).toContain("The preflight would refuse this deploy now:");
		const printed = result.stdout
			.split("\n")
			.map((line) => line.trim())
			.filter((line) => line.startsWith("wrangler ") || line.startsWith("npm "));
		expect(printed.slice(-9)).toEqual(commands("production"));
	});

	it("refuses a real deploy before any account call when the configs are not ready", () => {
		const result = cli("--env", "staging");
		expect(result.status).toBe(1);
		expect(result.stderr).toContain("deploy to staging refused: the configs are not ready");
		expect(result.stderr).toContain("database_id is a placeholder");
		expect(result.stdout).not.toContain("▶");
	});

	it("refuses an unknown environment with the usage", () => {
		const result = cli("--env", "prod");
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('unknown environment "prod"');
		expect(result.stderr).toContain("usage: npm run deploy -- --env staging|production");
	});

	const commands = (env: "production") =>
		deploySteps(readAllConfigs(), env).map((s) => formatCommand(s.command));
});
