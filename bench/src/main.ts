#!/usr/bin/env node
/**
 * `npm run bench`: starts the local stack and its baselines on free loopback ports, measures
 * delivery, the API gateway, publishing, scale, page weight and cost per request, prints every
 * figure next to a baseline measured in the same run, writes bench/results/latest.json and the
 * README's Performance table, and stops everything it started (also on error and Ctrl-C).
 *
 * BENCH_QUICK=1 shortens every run and the data set (for working on the bench itself; its
 * figures are not comparable and it writes neither latest.json nor the README).
 * `--only <section>[,<section>…]` (delivery, counting, page, api) runs just those sections and
 * prints their table; a partial run writes neither latest.json nor the README either.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildBundles } from "../../tools/stack/src/bundles.ts";
import {
	ApiClient,
	getWithHost,
	ROOT,
	type Stack,
	startStack,
} from "../../tools/stack/src/index.ts";
import type { LogSink } from "../../tools/stack/src/processes.ts";
import { benchIp, createBenchAccount } from "./account.ts";
import { cpuPerUnit, hashCost } from "./cpu.ts";
import { median, quantile } from "./load.ts";
import {
	type ApiFigures,
	interleaved,
	type Knobs,
	loginCpu,
	measureApi,
	type Summary,
} from "./measure.ts";
import {
	CHROMIUM_HINT,
	findChromium,
	type LighthouseFigures,
	type PageWeight,
	pageWeight,
	runLighthouse,
} from "./page-quality.ts";
import { consoleTable, Figures, markdownTable, updateReadme } from "./report.ts";
import { d1File, explainHotQueries, SCALE, seedScale, storedPasswordHash } from "./scale.ts";
import {
	findNginx,
	NGINX_HINT,
	startColdDomain,
	startConstantWorker,
	startCountingDomain,
	startNginx,
} from "./servers.ts";

const quick = process.env.BENCH_QUICK === "1";
const knobs: Knobs = quick
	? {
			rounds: 1,
			deliverySeconds: 2,
			deliveryConnections: 10,
			apiSeconds: 2,
			apiConnections: 4,
			warmupSeconds: 1,
			publishRuns: 2,
			loginRuns: 2,
		}
	: {
			rounds: 2,
			deliverySeconds: 5,
			deliveryConnections: 10,
			apiSeconds: 5,
			apiConnections: 4,
			warmupSeconds: 1,
			publishRuns: 5,
			loginRuns: 4,
		};
/**
 * Sections that `--only` can select. `api` is phase 2 as a whole (gateway, publish, scale and the
 * cost figures measured there); every section needs the stack and the bench account.
 */
const SECTIONS = ["delivery", "counting", "page", "api"] as const;
type Section = (typeof SECTIONS)[number];

function parseOnly(args: string[]): Set<Section> | null {
	const i = args.indexOf("--only");
	if (i < 0) return null;
	const names = (args[i + 1] ?? "").split(",").filter((n) => n !== "");
	const known = new Set<string>(SECTIONS);
	const unknown = names.filter((n) => !known.has(n));
	if (names.length === 0 || unknown.length > 0) {
		console.error(`--only takes one or more of ${SECTIONS.join(", ")} (comma-separated)`);
		process.exit(2);
	}
	return new Set(names as Section[]);
}
const only = parseOnly(process.argv.slice(2));
const want = (section: Section) => only === null || only.has(section);

const scale = quick ? { accounts: 1_000, pagesPerAccount: 5, linksPerPage: 10 } : SCALE;

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const say = (line: string) => console.log(`[bench ${elapsed()}] ${line}`);

// Everything started is registered here and stopped in reverse order, whatever happens.
const cleanups: { name: string; run: () => Promise<void> }[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
	cleaning ??= (async () => {
		for (const { name, run } of cleanups.splice(0).reverse()) {
			try {
				await run();
			} catch (error) {
				console.error(`could not stop ${name}: ${String(error)}`);
			}
		}
	})();
	return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
	process.on(signal, () => {
		console.error(`\n${signal}: stopping everything the bench started…`);
		void cleanup().then(() => process.exit(130));
	});
}

const nginx = findNginx();
if (!nginx && want("delivery")) {
	console.error(NGINX_HINT);
	process.exit(1);
}
const chromium = findChromium();
if (!chromium && want("page")) {
	console.error(CHROMIUM_HINT);
	process.exit(1);
}

const workDir = mkdtempSync(join(tmpdir(), "smartpages-bench-"));
const nginxDir = mkdtempSync(join(tmpdir(), "smartpages-bench-nginx-"));
const logFile = join(workDir, "bench.log");
const log: LogSink = { kind: "file", path: logFile };
const keep = process.env.BENCH_KEEP === "1";
cleanups.push({
	name: "temporary files",
	run: async () => {
		if (keep) return console.log(`kept ${workDir} and ${nginxDir} (BENCH_KEEP=1)`);
		rmSync(workDir, { recursive: true, force: true });
		rmSync(nginxDir, { recursive: true, force: true });
	},
});

function logTail(lines = 30): string {
	try {
		return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
	} catch {
		return "(no log)";
	}
}

async function stackOn(name: string, stateDir: string, manifestTtl?: string): Promise<Stack> {
	const stack = await startStack({
		stateDir,
		web: false,
		log,
		...(manifestTtl ? { workerVars: { domain: { MANIFEST_CACHE_SECONDS: manifestTtl } } } : {}),
	});
	cleanups.push({ name, run: () => stack.stop() });
	return stack;
}

/** Stops something registered under `name` now and forgets it. */
async function stopNamed(name: string): Promise<void> {
	const i = cleanups.findIndex((c) => c.name === name);
	const [entry] = i >= 0 ? cleanups.splice(i, 1) : [];
	await entry?.run();
}

async function main() {
	const figures = new Figures();
	const stateDir = join(workDir, "state");
	mkdirSync(stateDir, { recursive: true });
	say(`work directory ${workDir}; process output goes to ${logFile}`);

	// Phase 1: delivery, counting and page quality on the stack as configured, plus the baselines.
	say("building worker bundles (wrangler deploy --dry-run) and starting the stack…");
	const [bundles, stack] = await Promise.all([
		want("api") ? buildBundles(join(workDir, "deploy")) : Promise.resolve([]),
		stackOn("stack", stateDir),
	]);

	say("creating the bench account through the API (sign-up, verify, Pro, 20 + 100 links)…");
	const account = await createBenchAccount(stack);
	const home = await getWithHost(account.home.url, stack.ports.domain);
	const html = await home.text();
	const etag = home.headers.get("etag");
	if (home.status !== 200 || !etag) throw new Error(`home page: ${home.status}`);
	const host = new URL(account.home.url).host;
	// The first link's counted redirect (issue 17.2), measured against a page view.
	const clickPath = /href="(\/_l\/ln_[0-9a-z]{20})"/.exec(html)?.[1];
	if (!clickPath) throw new Error("home page: no /_l/ link");

	let delivery: Record<string, Summary> = {};
	if (want("delivery")) {
		delivery = await measureDelivery(stack, stateDir, html, etag, host);
		deliveryFigures(figures, delivery);
	}
	let counting: Record<string, Summary> = {};
	if (want("counting")) {
		counting = await measureCounting(stack, stateDir, host, clickPath);
		countingFigures(figures, counting);
	}

	let lh: LighthouseFigures | null = null;
	const weight = pageWeight(html);
	if (want("page")) {
		say("page weight and Lighthouse in Chromium…");
		lh = await runLighthouse(`http://${host}/`, chromium as string, (stop) =>
			cleanups.push({ name: "chromium", run: stop }),
		);
		say(
			`  ${lh.settings}; scores ${lh.performance}/${lh.accessibility}/${lh.bestPractices}/${lh.seo}; ${lh.requests} request(s)`,
		);
		pageFigures(figures, weight, lh);
	}
	await stopNamed("stack");
	if (!want("api")) {
		await finish(figures);
		return;
	}

	// Phase 2: the same account on a nearly empty and on a seeded copy of the database, both
	// stacks running at once and measured in alternation (the machine's load drifts a lot).
	const seededDir = join(workDir, "state-seeded");
	cpSync(stateDir, seededDir, { recursive: true });
	const dbFile = d1File(seededDir);
	say("seeding the copy's D1 file directly…");
	const seeded = seedScale(dbFile, scale);
	say(
		`  ${seeded.users} users, ${seeded.pages} pages, ${seeded.links} links in ${seeded.seconds.toFixed(1)} s (${(seeded.fileBytes / 2 ** 20).toFixed(0)} MiB)`,
	);
	const plans = explainHotQueries(dbFile);
	for (const p of plans) say(`  ${p.indexed ? "index" : "NO INDEX"}  ${p.name}: ${p.plan}`);
	// Timed while no stack runs (the quietest moment of the run).
	const hash = await hashCost(
		storedPasswordHash(dbFile, account.email),
		account.password,
		quick ? 2 : 7,
	);
	say(
		`  Argon2id in Node (${hash.params}, ${hash.simd ? "SIMD" : "no SIMD"}): ${hash.cpuMs.toFixed(1)} ms CPU (min ${hash.cpuMsMin.toFixed(1)}); reproduces the stored hash: ${hash.matchesStored}`,
	);
	if (!hash.matchesStored) throw new Error("the Node Argon2id did not reproduce the stored hash");

	say("starting both stacks (Domain Workers with MANIFEST_CACHE_SECONDS=0)…");
	const [small, large] = await Promise.all([
		stackOn("stack (nearly empty)", stateDir, "0"),
		stackOn("stack (seeded)", seededDir, "0"),
	]);
	const side = <L extends string>(label: L, s: Stack) => {
		const api = new ApiClient({ core: s.urls.core, origin: s.urls.web, ip: benchIp() });
		api.cookie = account.cookie;
		return {
			label,
			corePort: s.ports.core,
			coreGroup: s.pids[0] ?? 0,
			domainPort: s.ports.domain,
			api,
		};
	};
	say(
		`API: ${knobs.rounds} rounds × ${knobs.apiSeconds} s, ${knobs.apiConnections} connections, then ${knobs.publishRuns} publishes per page and database…`,
	);
	const api = await measureApi(
		[side("empty", small), side("seeded", large)],
		account.cookie,
		account,
		knobs,
		(line) => say(line),
	);
	const loginCpuMs = await loginCpu(
		small.urls.core,
		small.urls.web,
		account.email,
		account.password,
		knobs.loginRuns,
		(work) => cpuPerUnit(small.pids[0] ?? 0, work),
	);

	gatewayFigures(figures, api.empty);
	publishFigures(figures, api.empty);
	scaleFigures(figures, api.empty, api.seeded, plans.filter((p) => p.indexed).length, plans.length);
	const sec6 = "6 cost";
	for (const b of bundles) {
		figures.add(sec6, `${b.worker} bundle (gzip)`, b.gzipBytes / 1024, "KiB", "lower", {
			name: "budget",
			value: b.budgetKiB,
		});
	}
	figures.add(sec6, "Argon2id hash CPU (Node, same wasm)", hash.cpuMs, "ms", "lower", {
		name: "Workers Free CPU limit",
		value: 10,
	});
	figures.add(sec6, "login request CPU (wrangler dev group)", loginCpuMs, "ms", "lower", {
		name: "Argon2id alone",
		value: hash.cpuMs,
	});
	figures.add(
		sec6,
		"GET /pages CPU (wrangler dev group)",
		api.empty.pages.cpuMsPerRequest,
		"ms",
		"lower",
		{ name: "GET /health", value: api.empty.health.cpuMsPerRequest },
	);
	const constantWorker = delivery["constant worker"];
	if (constantWorker) {
		figures.add(
			sec6,
			"constant worker CPU (wrangler dev group)",
			constantWorker.cpuMsPerRequest,
			"ms",
			"lower",
		);
	}

	const seconds = await finish(figures);
	// A partial run (--only) or a quick one is not comparable with a full run: nothing written.
	if (only !== null || !lh) return;

	const results = {
		generatedAt: new Date().toISOString(),
		durationSeconds: Math.round(seconds),
		machine: {
			cpus: cpus().length,
			cpuModel: cpus()[0]?.model ?? "",
			loadAverage1m: loadavg()[0],
			node: process.version,
		},
		knobs,
		scale: { ...scale, seeded },
		definitions: DEFINITIONS,
		figures: figures.list,
		queryPlans: plans,
		lighthouse: lh,
		pageWeight: weight,
		passwordHash: hash,
		raw: { delivery, counting, api },
	};
	if (quick) {
		say("BENCH_QUICK=1: results not written");
		return;
	}
	const resultsDir = join(ROOT, "bench/results");
	mkdirSync(resultsDir, { recursive: true });
	writeFileSync(join(resultsDir, "latest.json"), `${JSON.stringify(results, null, "\t")}\n`);
	say("wrote bench/results/latest.json");
	const readme = readmeSection(figures, seconds, lh.settings, plans.length);
	if (updateReadme(join(ROOT, "README.md"), readme)) say("README.md Performance table updated");
	else say("README.md has no bench markers; its table was not updated");
}

const DEFINITIONS = {
	hotCache:
		"Domain Worker as configured (MANIFEST_CACHE_SECONDS=5): host mapping, site manifest and page object all come from the Cache API after the warm-up.",
	coldManifest:
		"A second Domain Worker on the same state with MANIFEST_CACHE_SECONDS=0: every request reads the host mapping and the manifest from R2 (as after the manifest TTL or in a location that has not seen the site); the immutable page object still comes from the cache.",
	firstHit:
		"The first GET of a just-published version (nothing of it cached: mapping, manifest and object from R2), one sample per publish.",
	revalidation: "GET with If-None-Match: the current ETag → 304, on the hot Domain Worker.",
	constantWorker:
		"A worker returning the same HTML bytes as a constant, in wrangler dev (workerd) like the Domain Worker.",
	nginx: "nginx, one worker process, serving the same HTML file from disk.",
	countingOn:
		"A Domain Worker as committed, with its Analytics Engine binding (in wrangler dev miniflare's local dataset, which drops the point): one data point per view and per click, in ctx.waitUntil.",
	countingOff:
		"The same worker with no dataset bound: it skips counting entirely (no visitor description, no data point, no waitUntil).",
	standIn:
		"The stack's Domain Worker, whose STATS binding forwards every point to the local statistics stand-in (RPC + HTTP + SQLite insert): what counting costs in npm run dev, not deployed.",
	cpu: "utime+stime of every process of the wrangler dev process group that runs Core, Customer, Billing, Mailer and D1 (kernel accounting), divided by the answers; wrangler dev reports no per-request CPU.",
	hash: "Argon2id from the argon2id package's simd.wasm in Node, with the parameters and salt of the bench account's stored hash (the tag is reproduced), process.cpuUsage() around one hash.",
};

/** Stops everything and prints the table; the run's duration in seconds. */
async function finish(figures: Figures): Promise<number> {
	say("stopping everything…");
	await cleanup();
	const seconds = (performance.now() - started) / 1000;
	console.log(`\n${consoleTable(figures.list)}\n`);
	console.log(`npm run bench took ${seconds.toFixed(0)} s.`);
	if (only !== null) say(`--only ${[...only].join(",")}: results not written`);
	return seconds;
}

/** Section 1: the Domain Worker (hot, cold manifest, 304) against a constant worker and nginx. */
async function measureDelivery(
	stack: Stack,
	stateDir: string,
	html: string,
	etag: string,
	host: string,
): Promise<Record<string, Summary>> {
	const cold = await startColdDomain(stateDir, workDir, log);
	cleanups.push({ name: "cold domain worker", run: () => cold.process.stop() });
	say("starting the baselines: a constant-HTML worker (wrangler dev) and nginx…");
	const [constant, ngx] = await Promise.all([
		startConstantWorker(html, workDir, log),
		startNginx(nginx as string, html, nginxDir, log),
	]);
	cleanups.push({ name: "constant worker", run: () => constant.process.stop() });
	cleanups.push({ name: "nginx", run: () => ngx.process.stop() });
	for (const port of [constant.port, ngx.port]) {
		const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
		if (body !== html) throw new Error(`baseline on :${port} does not serve the same HTML`);
	}
	say(
		`delivery: ${knobs.rounds} rounds × ${knobs.deliverySeconds} s, ${knobs.deliveryConnections} connections, Host ${host}`,
	);
	const url = (port: number) => `http://127.0.0.1:${port}/`;
	const delivery = await interleaved(
		{
			"constant worker": {
				url: url(constant.port),
				expectStatus: 200,
				cpuGroup: constant.process.child.pid,
			},
			nginx: { url: url(ngx.port), expectStatus: 200 },
			"domain hot": {
				url: url(stack.ports.domain),
				headers: { Host: host },
				expectStatus: 200,
				cpuGroup: stack.pids[1],
			},
			"domain cold": {
				url: url(cold.port),
				headers: { Host: host },
				expectStatus: 200,
				cpuGroup: cold.process.child.pid,
			},
			"domain 304": {
				url: url(stack.ports.domain),
				headers: { Host: host, "If-None-Match": etag },
				expectStatus: 304,
				cpuGroup: stack.pids[1],
			},
		},
		knobs.rounds,
		knobs.deliverySeconds,
		knobs.deliveryConnections,
		knobs.warmupSeconds,
		(line) => say(line),
	);
	for (const name of ["nginx", "constant worker", "cold domain worker"]) await stopNamed(name);
	return delivery;
}

/**
 * Section 7 (issue 17): the hot page view with counting on against the same worker with counting
 * off, and the `/_l/` redirect against a page view of the counting worker; both workers are
 * started for this on the stack's state (servers.ts says why not the stack's own worker), and the
 * stack's worker, whose points go to the local stand-in, is measured alongside for comparison.
 */
async function measureCounting(
	stack: Stack,
	stateDir: string,
	host: string,
	clickPath: string,
): Promise<Record<string, Summary>> {
	say("starting two more Domain Workers: counting on (Analytics Engine binding) and off…");
	const [on, off] = await Promise.all([
		startCountingDomain(true, stateDir, workDir, log),
		startCountingDomain(false, stateDir, workDir, log),
	]);
	cleanups.push({ name: "counting-on domain worker", run: () => on.process.stop() });
	cleanups.push({ name: "counting-off domain worker", run: () => off.process.stop() });
	for (const server of [on, off]) {
		const res = await getWithHost(`http://${host}${clickPath}`, server.port);
		const location = res.headers.get("location");
		if (res.status !== 302 || !location) {
			throw new Error(`${server.name}: ${clickPath} answered ${res.status}`);
		}
	}
	say(
		`counting: ${knobs.rounds} rounds × ${knobs.deliverySeconds} s, ${knobs.deliveryConnections} connections, Host ${host}`,
	);
	const target = (port: number, path: string, expectStatus: number, cpuGroup?: number) => ({
		url: `http://127.0.0.1:${port}${path}`,
		headers: { Host: host },
		expectStatus,
		...(cpuGroup ? { cpuGroup } : {}),
	});
	const counting = await interleaved(
		{
			"view, counting off": target(off.port, "/", 200, off.process.child.pid),
			"view, counting on": target(on.port, "/", 200, on.process.child.pid),
			"click, counting on": target(on.port, clickPath, 302, on.process.child.pid),
			"view, stand-in": target(stack.ports.domain, "/", 200, stack.pids[1]),
		},
		knobs.rounds,
		knobs.deliverySeconds,
		knobs.deliveryConnections,
		knobs.warmupSeconds,
		(line) => say(line),
	);
	for (const name of ["counting-on domain worker", "counting-off domain worker"]) {
		await stopNamed(name);
	}
	return counting;
}

function deliveryFigures(figures: Figures, delivery: Record<string, Summary>): void {
	const sec = "1 delivery";
	const worker = delivery["constant worker"];
	const ngx = delivery.nginx;
	if (!worker || !ngx) throw new Error("delivery baselines missing");
	for (const [mode, key] of [
		["hot cache", "domain hot"],
		["cold manifest", "domain cold"],
		["304 revalidation", "domain 304"],
	] as const) {
		const s = delivery[key];
		if (!s) continue;
		for (const base of [
			{ name: "constant worker", summary: worker },
			{ name: "nginx", summary: ngx },
		]) {
			figures.add(sec, `${mode}: rps`, s.rps, "req/s", "higher", {
				name: base.name,
				value: base.summary.rps,
			});
			figures.add(sec, `${mode}: p50`, s.p50, "ms", "lower", {
				name: base.name,
				value: base.summary.p50,
			});
			figures.add(sec, `${mode}: p99`, s.p99, "ms", "lower", {
				name: base.name,
				value: base.summary.p99,
			});
		}
		figures.add(sec, `${mode}: CPU per request`, s.cpuMsPerRequest, "ms", "lower", {
			name: "constant worker",
			value: worker.cpuMsPerRequest,
		});
	}
	figures.add(sec, "constant worker: rps", worker.rps, "req/s", "higher", {
		name: "nginx",
		value: ngx.rps,
	});
	figures.add(sec, "constant worker: p50", worker.p50, "ms", "lower", {
		name: "nginx",
		value: ngx.p50,
	});
}

function countingFigures(figures: Figures, counting: Record<string, Summary>): void {
	const sec = "7 counting";
	const off = counting["view, counting off"];
	const on = counting["view, counting on"];
	const click = counting["click, counting on"];
	const standIn = counting["view, stand-in"];
	if (!off || !on || !click || !standIn) throw new Error("counting figures missing");
	const offBase = (value: number) => ({ name: "counting off", value });
	figures.add(sec, "view, counting on: rps", on.rps, "req/s", "higher", offBase(off.rps));
	figures.add(sec, "view, counting on: p50", on.p50, "ms", "lower", offBase(off.p50));
	figures.add(sec, "view, counting on: p99", on.p99, "ms", "lower", offBase(off.p99));
	figures.add(
		sec,
		"view, counting on: CPU per request",
		on.cpuMsPerRequest,
		"ms",
		"lower",
		offBase(off.cpuMsPerRequest),
	);
	const viewBase = (value: number) => ({ name: "page view (counting on)", value });
	figures.add(sec, "/_l/ redirect: rps", click.rps, "req/s", "higher", viewBase(on.rps));
	figures.add(sec, "/_l/ redirect: p50", click.p50, "ms", "lower", viewBase(on.p50));
	figures.add(sec, "/_l/ redirect: p99", click.p99, "ms", "lower", viewBase(on.p99));
	figures.add(
		sec,
		"/_l/ redirect: CPU per request",
		click.cpuMsPerRequest,
		"ms",
		"lower",
		viewBase(on.cpuMsPerRequest),
	);
	figures.add(sec, "view, local stand-in: rps", standIn.rps, "req/s", "higher", offBase(off.rps));
	figures.add(sec, "view, local stand-in: p50", standIn.p50, "ms", "lower", offBase(off.p50));
}

function pageFigures(figures: Figures, weight: PageWeight, lh: LighthouseFigures): void {
	const sec = "5 page";
	figures.add(sec, "HTML+CSS bytes (raw)", weight.htmlBytes, "B", "lower");
	figures.add(sec, "HTML+CSS bytes (gzip -9)", weight.htmlGzipBytes, "B", "lower", {
		name: "first round trip (14 KiB)",
		value: 14 * 1024,
	});
	figures.add(sec, "of which inline CSS (raw)", weight.cssBytes, "B", "lower");
	figures.add(sec, "requests to render", lh.requests, "", "lower", {
		name: "the document alone",
		value: 1,
	});
	figures.add(sec, "JavaScript bytes", lh.scriptBytes, "B", "lower", undefined, "0");
	for (const [name, value] of [
		["Lighthouse performance", lh.performance],
		["Lighthouse accessibility", lh.accessibility],
		["Lighthouse best practices", lh.bestPractices],
		["Lighthouse SEO", lh.seo],
	] as const) {
		figures.add(sec, name, value, "", "higher", { name: "perfect", value: 100 });
	}
}

function gatewayFigures(figures: Figures, api: ApiFigures): void {
	const sec = "2 gateway";
	figures.add(sec, "GET /pages (auth, Core→Customer→D1): p50", api.pages.p50, "ms", "lower", {
		name: "GET /health",
		value: api.health.p50,
	});
	figures.add(sec, "GET /pages: p99", api.pages.p99, "ms", "lower", {
		name: "GET /health",
		value: api.health.p99,
	});
	figures.add(sec, "GET /pages: rps", api.pages.rps, "req/s", "higher", {
		name: "GET /health",
		value: api.health.rps,
	});
}

const visible = (xs: { visibleMs: number }[]) => median(xs.map((x) => x.visibleMs));
const post = (xs: { postMs: number }[]) => median(xs.map((x) => x.postMs));

function publishFigures(figures: Figures, api: ApiFigures): void {
	const sec = "3 publish";
	figures.add(sec, "100 links: POST → served (median)", visible(api.publishBig), "ms", "lower", {
		name: "20 links",
		value: visible(api.publishHome),
	});
	const sorted = Float64Array.from(api.publishBig.map((x) => x.visibleMs)).sort();
	figures.add(sec, "100 links: POST → served (max)", quantile(sorted, 1), "ms", "lower");
	figures.add(sec, "100 links: POST …/publish round trip", post(api.publishBig), "ms", "lower", {
		name: "GET /pages p50",
		value: api.pages.p50,
	});
	const firstHit = median([...api.publishBig, ...api.publishHome].map((x) => x.firstHitMs));
	figures.add(sec, "first GET of a new version (uncached)", firstHit, "ms", "lower");
}

function scaleFigures(
	figures: Figures,
	empty: ApiFigures,
	full: ApiFigures,
	indexed: number,
	queries: number,
): void {
	const sec = "4 scale";
	const name = "nearly empty DB";
	figures.add(
		sec,
		"GET /pages p50 (10k accounts)",
		full.pages.p50,
		"ms",
		"lower",
		{
			name,
			value: empty.pages.p50,
		},
		"≤ 1.5",
	);
	figures.add(
		sec,
		"GET /pages p99 (10k accounts)",
		full.pages.p99,
		"ms",
		"lower",
		{
			name,
			value: empty.pages.p99,
		},
		"≤ 1.5",
	);
	figures.add(sec, "GET /health p50 (control)", full.health.p50, "ms", "lower", {
		name,
		value: empty.health.p50,
	});
	figures.add(
		sec,
		"publish 100 links → served",
		visible(full.publishBig),
		"ms",
		"lower",
		{
			name,
			value: visible(empty.publishBig),
		},
		"≤ 1.5",
	);
	figures.add(
		sec,
		"hot queries served by an index",
		indexed,
		"",
		"higher",
		{
			name: "hot queries",
			value: queries,
		},
		"= 1",
	);
}

function readmeSection(figures: Figures, seconds: number, lighthouse: string, queries: number) {
	const date = new Date().toISOString().slice(0, 10);
	const n = (x: number) => x.toLocaleString("en-US");
	return `Latest run: ${date}, ${cpus().length} cores, ${seconds.toFixed(0)} s, on a shared machine that was busy with other test runs — read the ratios, not the absolute times.

${markdownTable(figures.list)}

How it was measured: autocannon driven from the bench's Node process over loopback, delivery with ${knobs.deliveryConnections} connections and the API with ${knobs.apiConnections}; ${knobs.rounds} interleaved rounds of ${knobs.deliverySeconds} s after a ${knobs.warmupSeconds} s warm-up each, medians of the rounds, percentiles over every answer (304s included). *Hot*: the Domain Worker as configured, everything from the Cache API. *Cold manifest*: a second Domain Worker with \`MANIFEST_CACHE_SECONDS=0\`, which reads the host mapping and manifest from R2 on every request. *First GET of a new version*: nothing of it cached. Baselines: a worker returning the same HTML as a constant in \`wrangler dev\`, and nginx (one worker process) serving the same file. *Counting*: the hot page view of a Domain Worker writing a data point per view into its Analytics Engine binding, against the same worker with no dataset bound; the \`/_l/\` redirect against a page view of the counting worker. Publishing: POST until the Domain Worker (manifest TTL 0) serves the new ETag; deployed, the 5 s manifest TTL adds up to 5 s. Scale: a copy of the same state with ${n(SCALE.accounts)} accounts, ${n(SCALE.accounts * SCALE.pagesPerAccount)} pages and ${n(SCALE.accounts * SCALE.pagesPerAccount * SCALE.linksPerPage)} links written straight into its D1 file; both stacks run at once and are measured in alternation; EXPLAIN QUERY PLAN of ${queries} hot queries is in \`bench/results/latest.json\`. ${lighthouse}. CPU: kernel accounting (utime + stime) of the \`wrangler dev\` process group per answer, since wrangler dev reports no CPU per request — it includes the dev harness (a proxy workerd, request logging in Node), see the constant worker's figure; the hash alone is the same Argon2id wasm in Node. Details: [bench/README.md](bench/README.md).`;
}

try {
	await main();
} catch (error) {
	console.error(`\nnpm run bench failed: ${error instanceof Error ? error.stack : String(error)}`);
	console.error(`--- last lines of ${logFile} ---\n${logTail()}`);
	await cleanup();
	process.exit(1);
}
process.exit(0);
