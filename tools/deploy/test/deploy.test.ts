/**
 * The deploy command without an account: the preflight refuses placeholders, missing credentials
 * and missing secrets with clear messages, and the plan runs migrations, internal workers, Core,
 * the Domain Worker and the dashboard in that order. The CLI's --dry-run is run for real.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
	type CloudflareAccountState,
	type RunningCloudflareAccount,
	startCloudflareAccount,
} from "../../local-cloud/src/cloudflare-account.ts";
import {
	deployedName,
	ENVIRONMENTS,
	type Json,
	ROOT,
	readAllConfigs,
	requiredSecrets,
	type WorkerConfig,
} from "../src/config.ts";
import { accountChecks, deploySteps, formatCommand } from "../src/plan.ts";
import {
	configProblems,
	credentialProblems,
	missingSecretProblem,
	parseSecretList,
} from "../src/preflight.ts";
import { accountResources, createCommand } from "../src/resources.ts";
import { DeployStopped, runDeploy } from "../src/run.ts";

/** What filledConfigs() puts in place of every REPLACE_ME_… id. */
const FILLED_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/** The repository's configs as an operator would have filled them in. */
function filledConfigs(): WorkerConfig[] {
	const fill = (value: unknown): unknown => {
		if (typeof value === "string") {
			return value.replace(/REPLACE_ME_\w+/g, FILLED_ID).replace(/\.example\b/g, ".com");
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
			// Core's statistics secrets (issue 17.6): CF_ACCOUNT_ID and STATS_API_TOKEN.
			"wrangler secret list --format json --env production -c workers/core/wrangler.jsonc",
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

	it("#15.11 --dry-run lists the read-only account checks of every resource", () => {
		const result = cli("--env", "production", "--dry-run");
		expect(result.status).toBe(0);
		const preflight = result.stdout.slice(0, result.stdout.indexOf("Steps, in order:"));
		for (const read of [
			"/d1/database?name=smartpages-production",
			"/r2/buckets?name_contains=smartpages-pages-production (cf-r2-jurisdiction: eu)",
			"/storage/kv/namespaces",
			"/queues",
			"/pages/projects/smartpages-web-production",
		]) {
			expect(preflight).toContain(`GET /accounts/$CLOUDFLARE_ACCOUNT_ID${read}`);
		}
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

describe("#15 preflight: the account's resources (Cloudflare API stand-in)", () => {
	const TOKEN = "deploy-token";
	const ACCOUNT = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
	const env = "production";
	let cloud: RunningCloudflareAccount;

	/** Everything docs/deploy.md step 1 creates for `env`, behind unrelated resources (pages of 2). */
	const fullAccount = (): CloudflareAccountState => ({
		queues: [
			{ queue_name: "other-a" },
			{ queue_name: "other-b" },
			{ queue_name: `smartpages-mail-${env}` },
			{ queue_name: "other-c" },
			{ queue_name: `smartpages-mail-dlq-${env}` },
		],
		buckets: [
			{ name: "smartpages-pages-a", jurisdiction: "eu" },
			{ name: "smartpages-pages-b", jurisdiction: "eu" },
			{ name: `smartpages-pages-${env}`, jurisdiction: "eu" },
		],
		databases: [
			{
				uuid: "11111111-1111-4111-8111-111111111111",
				name: "smartpages-staging",
				jurisdiction: "eu",
			},
			{ uuid: FILLED_ID, name: `smartpages-${env}`, jurisdiction: "eu" },
		],
		namespaces: [
			{ id: "a".repeat(32), title: "x" },
			{ id: "b".repeat(32), title: "y" },
			{ id: FILLED_ID, title: `smartpages-sessions-${env}` },
		],
		pagesProjects: [{ name: `smartpages-web-${env}`, production_branch: "main" }],
	});

	beforeAll(async () => {
		cloud = await startCloudflareAccount({ port: 0, accountId: ACCOUNT, token: TOKEN });
	});
	afterAll(async () => {
		await cloud.close();
	});
	beforeEach(() => {
		Object.assign(cloud.account, fullAccount());
		cloud.requests.length = 0;
	});

	/** A real deploy run against the stand-in; wrangler is replaced by a recorder. */
	async function deploy(configs = filledConfigs(), token = TOKEN) {
		const executed: string[] = [];
		const secrets = configs.flatMap((c) => requiredSecrets(c, env));
		let stopped: DeployStopped | null = null;
		await runDeploy({
			env,
			dryRun: false,
			configs,
			processEnv: {
				CLOUDFLARE_API_TOKEN: token,
				CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
				CLOUDFLARE_API_BASE_URL: cloud.baseUrl,
			},
			execute: async (step) => {
				executed.push(formatCommand(step.command));
				return step.command.includes("secret")
					? JSON.stringify(secrets.map((name) => ({ name, type: "secret_text" })))
					: "";
			},
			log: () => {},
		}).catch((error: unknown) => {
			if (!(error instanceof DeployStopped)) throw error;
			stopped = error;
		});
		return { executed, stopped: stopped as DeployStopped | null };
	}

	const readOnly = (executed: string[]) =>
		executed.every((c) => c === "wrangler whoami" || c.startsWith("wrangler secret list"));

	it("#15.11 with every resource present the preflight passes and every step runs in order", async () => {
		const { executed, stopped } = await deploy();
		expect(stopped).toBeNull();
		expect(executed).toEqual([
			...accountChecks(filledConfigs(), env).map((s) => formatCommand(s.command)),
			...deploySteps(filledConfigs(), env).map((s) => formatCommand(s.command)),
		]);
		// Read-only calls only, every list read to its last page, EU buckets asked for as such.
		expect(cloud.requests.every((r) => r.startsWith("GET "))).toBe(true);
		expect(cloud.requests).toContain(`GET /client/v4/accounts/${ACCOUNT}/queues?page=3`);
		expect(
			cloud.requests.some(
				(r) => r.includes("/r2/buckets") && r.endsWith("[cf-r2-jurisdiction: eu]"),
			),
		).toBe(true);
	});

	// Whoever produces to the dead-letter queue besides the consumer (as the configs say today).
	const dlqUsers = accountResources(filledConfigs(), env)
		.resources.flatMap((r) =>
			r.kind === "queue" && r.name === `smartpages-mail-dlq-${env}` ? r.usedBy : [],
		)
		.join(", ");
	const missing: [string, (a: CloudflareAccountState) => void, string][] = [
		[
			"D1 database",
			(a) => {
				a.databases = a.databases.filter((d) => d.name !== `smartpages-${env}`);
			},
			`D1 database smartpages-${env} (needed by smartpages-customer-${env} DB) does not exist in account ${ACCOUNT}: create it with \`wrangler d1 create smartpages-${env} --jurisdiction eu\``,
		],
		[
			"R2 bucket",
			(a) => {
				a.buckets = a.buckets.filter((b) => b.name !== `smartpages-pages-${env}`);
			},
			`R2 bucket smartpages-pages-${env} (needed by smartpages-customer-${env} PAGES, smartpages-domain-${env} PAGES) does not exist in account ${ACCOUNT}: create it with \`wrangler r2 bucket create smartpages-pages-${env} --jurisdiction eu\``,
		],
		[
			"KV namespace",
			(a) => {
				a.namespaces = a.namespaces.filter((n) => n.id !== FILLED_ID);
			},
			`KV namespace ${FILLED_ID} (SESSIONS) (needed by smartpages-core-${env} SESSIONS) does not exist in account ${ACCOUNT}: create it with \`wrangler kv namespace create smartpages-sessions-${env}\``,
		],
		[
			"queue",
			(a) => {
				a.queues = a.queues.filter((q) => q.queue_name !== `smartpages-mail-${env}`);
			},
			`queue smartpages-mail-${env} (needed by smartpages-mailer-${env} MAIL_QUEUE, smartpages-mailer-${env} consumer) does not exist in account ${ACCOUNT}: create it with \`wrangler queues create smartpages-mail-${env}\``,
		],
		[
			"dead-letter queue",
			(a) => {
				a.queues = a.queues.filter((q) => q.queue_name !== `smartpages-mail-dlq-${env}`);
			},
			`dead-letter queue smartpages-mail-dlq-${env} (needed by ${dlqUsers}) does not exist in account ${ACCOUNT}: create it with \`wrangler queues create smartpages-mail-dlq-${env} --message-retention-period-secs 1209600\``,
		],
		[
			"Pages project",
			(a) => {
				a.pagesProjects = [];
			},
			`Pages project smartpages-web-${env} (needed by the dashboard) does not exist in account ${ACCOUNT}: create it with \`wrangler pages project create smartpages-web-${env} --production-branch main\``,
		],
	];
	it.each(missing)(
		"#15.11 a missing %s fails the preflight with the command that creates it, and nothing is deployed",
		async (_kind, remove, message) => {
			remove(cloud.account);
			const { executed, stopped } = await deploy();
			expect(stopped?.heading).toBe(`deploy to ${env} refused: account resources are missing`);
			expect(stopped?.problems).toHaveLength(1);
			expect(stopped?.problems[0]).toContain(message);
			expect(executed).toEqual(["wrangler whoami"]);
		},
	);

	it("#15.8 an R2 bucket outside the EU jurisdiction fails the preflight, and nothing is deployed", async () => {
		cloud.account.buckets = [{ name: `smartpages-pages-${env}`, jurisdiction: "default" }];
		const { executed, stopped } = await deploy();
		expect(stopped?.problems).toEqual([
			expect.stringContaining(
				`R2 bucket smartpages-pages-${env} (needed by smartpages-customer-${env} PAGES, smartpages-domain-${env} PAGES) exists only outside the EU jurisdiction (in: default), and a bucket's jurisdiction cannot be changed after creation: create it with \`wrangler r2 bucket create smartpages-pages-${env} --jurisdiction eu\``,
			),
		]);
		expect(readOnly(executed)).toBe(true);
		expect(executed).toEqual(["wrangler whoami"]);
	});

	it("#15.8 a D1 database created without --jurisdiction eu fails the preflight, and nothing is deployed", async () => {
		cloud.account.databases = [{ uuid: FILLED_ID, name: `smartpages-${env}`, jurisdiction: null }];
		const { executed, stopped } = await deploy();
		expect(stopped?.problems).toEqual([
			expect.stringContaining(
				`D1 database smartpages-${env} (needed by smartpages-customer-${env} DB) is not in the EU jurisdiction (jurisdiction null), and a database's jurisdiction cannot be changed after creation`,
			),
		]);
		expect(executed).toEqual(["wrangler whoami"]);
	});

	it("#15.8 an R2 binding without the EU jurisdiction is refused offline, before any account call", async () => {
		const configs = filledConfigs();
		const domain = configs.find((c) => c.worker === "domain") as WorkerConfig;
		const production = (domain.raw.env as Record<string, Json>).production as Json;
		delete (production.r2_buckets as Json[])[0]?.jurisdiction;
		expect(configProblems(configs, "staging")).toEqual([]);
		const { executed, stopped } = await deploy(configs);
		expect(stopped?.problems).toEqual([
			expect.stringContaining(
				`workers/domain/wrangler.jsonc: env.production.r2_buckets[0] (smartpages-pages-production) has jurisdiction null, not "eu"`,
			),
		]);
		expect(executed).toEqual([]);
		expect(cloud.requests).toEqual([]);
	});

	it("#15.11 a token the API refuses stops the preflight with one message, and nothing is deployed", async () => {
		const { executed, stopped } = await deploy(filledConfigs(), "revoked");
		expect(stopped?.problems).toEqual([
			expect.stringContaining(
				"the Cloudflare API refused the token (GET d1/database answered 401 (10000: Authentication error))",
			),
		]);
		expect(executed).toEqual(["wrangler whoami"]);
	});

	it("#15.11 the check follows the configs: an Analytics Engine dataset needs nothing created, an unknown kind is refused", async () => {
		const configs = filledConfigs();
		const core = configs.find((c) => c.worker === "core") as WorkerConfig;
		const production = (core.raw.env as Record<string, Json>).production as Json;
		production.analytics_engine_datasets = [
			{ binding: "STATS", dataset: `smartpages_stats_${env}` },
		];
		const kinds = accountResources(configs, env).resources.map((r) => r.kind);
		expect(kinds).toContain("analytics_engine");
		expect((await deploy(configs)).stopped).toBeNull();

		production.vectorize = [{ binding: "V", index_name: "x" }];
		expect(configProblems(configs, env)).toEqual([
			"workers/core/wrangler.jsonc: env.production.vectorize needs a resource the deploy preflight cannot check yet; teach tools/deploy/src/resources.ts to check it",
		]);
	});

	it.each(ENVIRONMENTS)(
		"#15.8 docs/deploy.md creates every %s resource with the preflight's command, D1 and R2 with --jurisdiction eu",
		(name) => {
			const docs = readFileSync(join(ROOT, "docs/deploy.md"), "utf8");
			const commands = accountResources(filledConfigs(), name)
				.resources.map((r) => createCommand(r, name))
				.filter((c): c is string[] => c !== null)
				.map(
					(c) => `npx ${formatCommand(c).replace(new RegExp(`-${name}(?![\\w-])`, "g"), "-$ENV")}`,
				);
			expect(commands).toContain("npx wrangler d1 create smartpages-$ENV --jurisdiction eu");
			expect(commands).toContain(
				"npx wrangler r2 bucket create smartpages-pages-$ENV --jurisdiction eu",
			);
			for (const command of commands) expect(docs).toContain(command);
		},
	);
});
