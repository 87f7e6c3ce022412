/**
 * The whole SmartPages system on one machine: D1 migrations, Core + Customer + Billing + Mailer
 * in one wrangler process (only Core gets a port), the Domain Worker in a second one sharing the
 * same state directory, the local-cloud stand-ins, and optionally the web app.
 *
 * The Domain Worker's Analytics Engine dataset is swapped for the statistics stand-in here (issue
 * 17.6), as Stripe and Resend are swapped through vars: its derived config binds `STATS` to a tiny
 * forwarding worker (tools/stack/stats-dataset) in the same wrangler process instead.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type LocalCloud, startLocalCloud } from "@smartpages/local-cloud";
import { parse as parseJsonc } from "jsonc-parser";
import { coreCrons, startCronTicker, triggerCron } from "./cron.ts";
import {
	freePort,
	type LogSink,
	type ManagedProcess,
	run,
	startFailureReason,
	startProcess,
	waitFor,
} from "./processes.ts";
import { type StaticWeb, serveStaticWeb } from "./static-web.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);
// Package entry points of the CLIs, run with this process's Node (≥ 22.12 via the `node` package).
const packageDir = (name: string, from: string) =>
	dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
export const WRANGLER = join(packageDir("wrangler", ROOT), "bin/wrangler.js");
const ASTRO = join(packageDir("astro", join(ROOT, "apps/web")), "bin/astro.mjs");
const config = (worker: string) => join(ROOT, "workers", worker, "wrangler.jsonc");

/**
 * Writes a copy of a worker's wrangler config with some vars replaced (the ports of this run).
 * `wrangler dev --var` only reaches the first worker of a multi-config process, so every worker
 * gets its own derived config instead. Paths are made absolute; nothing else changes.
 */
export function derivedConfig(
	worker: string,
	dir: string,
	vars: Record<string, string>,
	adapt: (config: Record<string, unknown>) => void = () => {},
): string {
	const source = config(worker);
	const parsed = parseJsonc(readFileSync(source, "utf8")) as {
		main?: string;
		vars?: Record<string, string>;
		d1_databases?: { migrations_dir?: string }[];
	};
	const workerDir = dirname(source);
	if (parsed.main) parsed.main = resolve(workerDir, parsed.main);
	for (const db of parsed.d1_databases ?? []) {
		if (db.migrations_dir) db.migrations_dir = resolve(workerDir, db.migrations_dir);
	}
	const own = parsed.vars ?? {};
	parsed.vars = Object.fromEntries(
		Object.entries(own).map(([k, v]) => [k, k in vars ? (vars[k] ?? v) : v]),
	);
	adapt(parsed);
	const target = join(dir, `${worker}.jsonc`);
	writeFileSync(target, JSON.stringify(parsed, null, "\t"));
	return target;
}

/** The local forwarding worker that stands in for the Domain Worker's dataset binding. */
const LOCAL_STATS_WORKER = "smartpages-local-stats";

/**
 * Replaces every Analytics Engine dataset binding of a derived config with a service binding of
 * the same name to the forwarding worker (local runs only; the committed config is untouched).
 */
export function swapStatsDataset(config: Record<string, unknown>): void {
	const datasets = (config.analytics_engine_datasets ?? []) as { binding: string }[];
	if (datasets.length === 0) return;
	delete config.analytics_engine_datasets;
	config.services = datasets.map((d) => ({ binding: d.binding, service: LOCAL_STATS_WORKER }));
}

/** The forwarding worker's config: it posts each data point to the stand-in on `statsPort`. */
function statsDatasetConfig(dir: string, statsPort: number, compatibilityDate: string): string {
	const target = join(dir, "stats-dataset.jsonc");
	const config = {
		name: LOCAL_STATS_WORKER,
		main: join(ROOT, "tools/stack/stats-dataset/worker.ts"),
		compatibility_date: compatibilityDate,
		vars: {
			STATS_INGEST_URL: `http://127.0.0.1:${statsPort}/_local/datasets/smartpages_stats/points`,
		},
	};
	writeFileSync(target, JSON.stringify(config, null, "\t"));
	return target;
}

function domainCompatibilityDate(): string {
	const parsed = parseJsonc(readFileSync(config("domain"), "utf8")) as {
		compatibility_date: string;
	};
	return parsed.compatibility_date;
}

export interface StackPorts {
	web: number;
	core: number;
	domain: number;
	mail: number;
	stripe: number;
	dns: number;
	/** The statistics stand-in (Analytics Engine's SQL API and data points). */
	stats: number;
}

export interface StackOptions {
	/** Ports to use; 0 or missing picks a free one. */
	ports?: Partial<StackPorts>;
	/** Local D1/KV/R2 state shared by both wrangler processes. */
	stateDir: string;
	/**
	 * The web app: "dev" runs `astro dev` (npm run dev), "static" serves a fresh production build
	 * with /api forwarded to Core (tests: the deployed shape, and no clash with a running dev
	 * server), false leaves it out.
	 */
	web?: "dev" | "static" | false;
	log?: LogSink;
	/**
	 * Fire Core's crons every minute as Cloudflare does (`npm run dev`); tests leave it off and
	 * call `runCron` when they need a run.
	 */
	cron?: boolean;
	/** Var overrides per worker (e.g. domain MANIFEST_CACHE_SECONDS=0 in tests). */
	workerVars?: Partial<
		Record<"core" | "customer" | "billing" | "mailer" | "domain", Record<string, string>>
	>;
}

export interface Stack {
	ports: StackPorts;
	urls: {
		web: string;
		api: string;
		core: string;
		domain: string;
		mail: string;
		stripe: string;
		dns: string;
		stats: string;
	};
	/** Process ids of the wrangler/astro process groups (for port probing in tests). */
	pids: number[];
	/** Runs Core's scheduled handler once for `cron` (default: every minute's) and waits for it. */
	runCron(cron?: string, time?: number): Promise<void>;
	stop(): Promise<void>;
}

// A readiness probe never waits long on one attempt (a server may accept and not answer yet).
const probe = () => ({ signal: AbortSignal.timeout(5000) });

/** Starts the stack and resolves once every part answers; on failure stops what it started. */
export async function startStack(options: StackOptions): Promise<Stack> {
	const log = options.log ?? { kind: "console" };
	const pick = async (p: number | undefined) => (p && p > 0 ? p : freePort());
	const ports: StackPorts = {
		web: await pick(options.ports?.web),
		core: await pick(options.ports?.core),
		domain: await pick(options.ports?.domain),
		mail: await pick(options.ports?.mail),
		stripe: await pick(options.ports?.stripe),
		dns: await pick(options.ports?.dns),
		stats: await pick(options.ports?.stats),
	};
	const stateDir = resolve(options.stateDir);
	mkdirSync(stateDir, { recursive: true });
	// Children get a clean environment: a test runner's NODE_ENV/VITEST* must not leak into them.
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(
			([k]) => k !== "NODE_ENV" && !k.startsWith("VITEST") && k !== "TEST",
		),
	);
	const env: NodeJS.ProcessEnv = {
		...inherited,
		WRANGLER_SEND_METRICS: "false",
		// Keep wrangler's own logs inside the state directory instead of ~/.wrangler.
		WRANGLER_LOG_PATH: join(stateDir, "logs"),
		NO_COLOR: "1",
		FORCE_COLOR: "0",
	};
	const appOrigin = `http://localhost:${ports.web}`;

	const processes: ManagedProcess[] = [];
	let cloud: LocalCloud | null = null;
	let staticWeb: StaticWeb | null = null;
	let ticker: { stop(): void } | null = null;
	const stop = async () => {
		ticker?.stop();
		await staticWeb?.close();
		await Promise.all(processes.map((p) => p.stop()));
		await cloud?.stop();
	};

	try {
		const billingVars = (
			parseJsonc(readFileSync(config("billing"), "utf8")) as { vars: Record<string, string> }
		).vars;
		cloud = await startLocalCloud(
			{ mail: ports.mail, stripe: ports.stripe, dns: ports.dns, stats: ports.stats },
			{
				// With the rest of the local state: statistics outlive a restart of `npm run dev`.
				statsPath: join(stateDir, "stats.sqlite"),
				stripeWebhookUrl: `http://127.0.0.1:${ports.core}/api/v1/webhooks/stripe`,
				stripeWebhookSecret: billingVars.LOCAL_STRIPE_WEBHOOK_SECRET,
			},
		);
		await run(
			process.execPath,
			[
				WRANGLER,
				"d1",
				"migrations",
				"apply",
				"DB",
				"--local",
				"--persist-to",
				stateDir,
				"-c",
				config("customer"),
			],
			{ cwd: ROOT, env },
		);

		const vars = {
			APP_ORIGIN: appOrigin,
			PAGES_URL_TEMPLATE: `http://{host}:${ports.domain}`,
			RESEND_API_BASE: `http://localhost:${ports.mail}`,
			STRIPE_API_BASE: `http://localhost:${ports.stripe}`,
			DOH_URL: `http://localhost:${ports.dns}/dns-query`,
			CF_API_BASE: `http://localhost:${ports.dns}/client/v4`,
			// Core's Analytics Engine SQL API (issue 17.3): the statistics stand-in of this run. With no
			// CF_ACCOUNT_ID / STATS_API_TOKEN secrets Core asks it as account "local", unauthenticated,
			// as the Stripe and Resend clients go to their stand-ins without keys.
			STATS_API_BASE: `http://localhost:${ports.stats}/client/v4`,
		};
		const wv = options.workerVars ?? {};
		const configDir = join(stateDir, "config");
		mkdirSync(configDir, { recursive: true });
		const cfg = (worker: string, extra: Record<string, string> = {}) =>
			derivedConfig(worker, configDir, { ...vars, ...extra });
		const common = [
			"--ip",
			"127.0.0.1",
			"--persist-to",
			stateDir,
			"--show-interactive-dev-session=false",
		];
		const core = startProcess(
			"core",
			process.execPath,
			[
				WRANGLER,
				"dev",
				"-c",
				cfg("core", wv.core),
				"-c",
				cfg("customer", wv.customer),
				"-c",
				cfg("billing", wv.billing),
				"-c",
				cfg("mailer", wv.mailer),
				"--port",
				String(ports.core),
				"--inspector-port",
				String(await freePort()),
				...common,
			],
			{ cwd: ROOT, env, log },
		);
		processes.push(core);
		const domain = startProcess(
			"domain",
			process.execPath,
			[
				WRANGLER,
				"dev",
				"-c",
				derivedConfig("domain", configDir, { ...vars, ...wv.domain }, swapStatsDataset),
				"-c",
				statsDatasetConfig(configDir, ports.stats, domainCompatibilityDate()),
				"--port",
				String(ports.domain),
				"--inspector-port",
				String(await freePort()),
				...common,
			],
			{ cwd: ROOT, env, log },
		);
		processes.push(domain);
		if (options.web === "static") {
			const outDir = join(stateDir, "web-dist");
			await run(process.execPath, [ASTRO, "build", "--outDir", outDir], {
				cwd: join(ROOT, "apps/web"),
				env,
			});
			staticWeb = await serveStaticWeb(outDir, ports.web, `http://127.0.0.1:${ports.core}`);
		}
		if (options.web === "dev") {
			const web = startProcess(
				"web",
				process.execPath,
				[ASTRO, "dev", "--port", String(ports.web), "--host", "localhost"],
				{
					cwd: join(ROOT, "apps/web"),
					env: { ...env, CORE_URL: `http://127.0.0.1:${ports.core}` },
					log,
				},
			);
			processes.push(web);
		}

		const exitedEarly = () => {
			// The runtime can report a socket collision and keep running without serving: that is
			// as final as an exit, and said at once instead of after the 90 s readiness wait.
			const collided = processes.find((p) =>
				p.recentOutput().some((l) => /address already in use|EADDRINUSE/i.test(l)),
			);
			if (collided) {
				return `${collided.name} could not start: ${startFailureReason(collided.recentOutput())}`;
			}
			const dead = processes.find((p) => p.child.exitCode !== null);
			if (!dead) return null;
			// Say why in the same line (a port collision of the runtime, a config error), not
			// only the exit code: `npm run dev` prints this line and may retry on a collision.
			const reason = startFailureReason(dead.recentOutput());
			return `${dead.name} exited with code ${dead.child.exitCode}${reason ? `: ${reason}` : ""}`;
		};
		await waitFor(
			"core",
			async () =>
				(await fetch(`http://127.0.0.1:${ports.core}/api/v1/health`, probe())).status === 200,
			90_000,
			exitedEarly,
		);
		await waitFor(
			"domain",
			async () => (await fetch(`http://127.0.0.1:${ports.domain}/`, probe())).status === 404,
			90_000,
			exitedEarly,
		);
		if (options.web) {
			await waitFor(
				"web",
				async () => (await fetch(`http://localhost:${ports.web}/`, probe())).ok,
				90_000,
				exitedEarly,
			);
		}
		if (options.cron) {
			ticker = startCronTicker(`http://127.0.0.1:${ports.core}`, coreCrons(ROOT), (message) =>
				console.error(message),
			);
		}
	} catch (error) {
		await stop();
		throw error;
	}

	return {
		ports,
		urls: {
			web: appOrigin,
			api: `http://localhost:${ports.core}/api/v1`,
			core: `http://localhost:${ports.core}`,
			domain: `http://localhost:${ports.domain}`,
			mail: `http://localhost:${ports.mail}`,
			stripe: `http://localhost:${ports.stripe}`,
			dns: `http://localhost:${ports.dns}`,
			stats: `http://localhost:${ports.stats}`,
		},
		pids: processes.flatMap((p) => (p.child.pid ? [p.child.pid] : [])),
		runCron: (cron = "* * * * *", time) =>
			triggerCron(`http://127.0.0.1:${ports.core}`, cron, time),
		stop,
	};
}
