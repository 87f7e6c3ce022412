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
import { buildBundle, buildBundles, WORKERS } from "../../tools/stack/src/bundles.ts";
import {
	ApiClient,
	getWithHost,
	ROOT,
	type Stack,
	startStack,
} from "../../tools/stack/src/index.ts";
import type { LogSink } from "../../tools/stack/src/processes.ts";
import { WRANGLER } from "../../tools/stack/src/stack.ts";
import { benchIp, createBenchAccount } from "./account.ts";
import { cpuPerUnit, hashCost, startupCpuMs } from "./cpu.ts";
import { type LoadResult, median, quantile } from "./load.ts";
import {
	type ApiFigures,
	interleaved,
	type Knobs,
	loginCpu,
	measureApi,
	type PublishTimes,
	roundRatio,
	type Summary,
	type Target,
} from "./measure.ts";
import {
	CHROMIUM_HINT,
	findChromium,
	type LighthouseFigures,
	type PageWeight,
	pageWeight,
	runLighthouseMedian,
} from "./page-quality.ts";
import { LOAD_CPU, pinnedLoad, SERVER_CPU } from "./pinned-load.ts";
import { consoleTable, Figures, markdownTable, updateReadme } from "./report.ts";
import {
	d1File,
	daysBefore,
	explainHotQueries,
	SCALE,
	type ScaleSize,
	seedAccountStats,
	seedScale,
	storedPasswordHash,
} from "./scale.ts";
import {
	constantHeaders,
	findNginx,
	NGINX_HINT,
	startColdDomain,
	startConstantWorker,
	startConstantWorkerd,
	startCountingDomain,
	startDomainWorkerd,
	startNginx,
} from "./servers.ts";

const quick = process.env.BENCH_QUICK === "1";
const knobs: Knobs = quick
	? {
			rounds: 1,
			deliverySeconds: 2,
			directRounds: 2,
			directSeconds: 1,
			directWarmupSeconds: 0.5,
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
			directRounds: 14,
			directSeconds: 0.75,
			directWarmupSeconds: 0,
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
// Whether the rows directly in workerd ran with servers and load generator on CPUs of their own.
let directPinned = false;
const want = (section: Section) => only === null || only.has(section);

const scale: ScaleSize = quick
	? { accounts: 1_000, pagesPerAccount: 5, linksPerPage: 10, statsAccounts: 50, statsDays: 60 }
	: SCALE;
/** Days of statistics the API measurement asks for (issue 22.4: a year). */
const STATS_RANGE_DAYS = 365;

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

// nginx is the ceiling of what the machine serves; without it the delivery figures keep their
// worker baselines and the nginx rows say that it was not installed.
const nginx = findNginx();
if (!nginx && want("delivery"))
	console.warn(`nginx not found, its rows are left out: ${NGINX_HINT}`);
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
	const answerHeaders = constantHeaders(home.headers);
	const etag = home.headers.get("etag");
	if (home.status !== 200 || !etag) throw new Error(`home page: ${home.status}`);
	const host = new URL(account.home.url).host;
	// The first link's counted redirect (issue 17.2), measured against a page view.
	const clickPath = /href="(\/_l\/ln_[0-9a-z]{20})"/.exec(html)?.[1];
	if (!clickPath) throw new Error("home page: no /_l/ link");

	let delivery: Record<string, Summary> = {};
	if (want("delivery")) {
		delivery = await measureDelivery(stack, stateDir, html, answerHeaders, etag, host);
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
		lh = await runLighthouseMedian(
			`http://${host}/`,
			chromium as string,
			(stop) => cleanups.push({ name: "chromium", run: stop }),
			quick ? 1 : 3,
		);
		say(
			`  ${lh.settings}; scores ${lh.performance}/${lh.accessibility}/${lh.bestPractices}/${lh.seo}; ${lh.requests} request(s)`,
		);
		const each = (lh.runs ?? []).map(
			(r) => `${r.performance}/${r.accessibility}/${r.bestPractices}/${r.seo}`,
		);
		say(`  each run: ${each.join(", ")}`);
		if (lh.failedAudits.length > 0) say(`  audits below 0.9: ${lh.failedAudits.join(", ")}`);
		pageFigures(figures, weight, lh);
	}
	await stopNamed("stack");
	if (!want("api")) {
		await finish(figures);
		return;
	}

	// Phase 2: the same account on a nearly empty and on a seeded copy of the database, both
	// stacks running at once and measured in alternation (the machine's load drifts a lot).
	// Statistics days are calendar days in Europe/Berlin, never behind UTC: a range ending on the
	// UTC day is never in the future for Core, and every day before it is rolled up.
	const today = new Date().toISOString().slice(0, 10);
	const statsLines = seedAccountStats(d1File(stateDir), account.email, today, STATS_RANGE_DAYS);
	say(`a year of statistics roll-ups for the bench account: ${statsLines} lines`);
	const seededDir = join(workDir, "state-seeded");
	cpSync(stateDir, seededDir, { recursive: true });
	const dbFile = d1File(seededDir);
	say("seeding the copy's D1 file directly…");
	const seeded = seedScale(dbFile, scale, today, say);
	say(
		`  ${seeded.users} users, ${seeded.pages} pages, ${seeded.links} links, ${seeded.statsLines} statistics lines of ${seeded.statsDays} account-days in ${seeded.seconds.toFixed(1)} s (${(seeded.fileBytes / 2 ** 20).toFixed(0)} MiB)`,
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
	const startup: Record<string, { activeMs: number; runsMs: number[] }> = {};
	for (const worker of WORKERS) {
		const dir = join(workDir, "startup", worker);
		mkdirSync(dir, { recursive: true });
		const config = join(ROOT, "workers", worker, "wrangler.jsonc");
		startup[worker] = await startupCpuMs(WRANGLER, config, dir, quick ? 1 : 3);
	}
	say(
		`  startup CPU (wrangler check startup, active ms): ${Object.entries(startup)
			.map(([w, s]) => `${w} ${s.activeMs.toFixed(1)}`)
			.join(", ")}`,
	);

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
	const statsQuery = `from=${daysBefore(today, STATS_RANGE_DAYS - 1)}&to=${today}`;
	const statsCheck = await side("check", small).api.call("GET /stats", {
		query: { from: daysBefore(today, STATS_RANGE_DAYS - 1), to: today },
	});
	if (statsCheck.status !== 200) {
		throw new Error(`GET /stats: ${statsCheck.status} ${statsCheck.text.slice(0, 300)}`);
	}
	const api = await measureApi(
		[side("empty", small), side("seeded", large)],
		account.cookie,
		account,
		statsQuery,
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
	for (const [worker, s] of Object.entries(startup)) {
		figures.add(sec6, `${worker} startup CPU (check startup)`, s.activeMs, "ms", "lower");
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
			directRowsPinned: directPinned,
		},
		knobs,
		scale: { ...scale, seeded },
		definitions: DEFINITIONS,
		figures: figures.list,
		queryPlans: plans,
		lighthouse: lh,
		pageWeight: weight,
		passwordHash: hash,
		startupCpu: startup,
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
		"A worker returning the Domain Worker's hot answer (the same HTML and headers) as a constant, in wrangler dev (workerd) like the Domain Worker.",
	nginx:
		"nginx, one worker process, serving the same HTML file from disk (left out when nginx is not installed).",
	workerd:
		"Directly in workerd (issue 22.2): one Miniflare instance per worker from the installed wrangler's Miniflare, bindings generated from the worker's wrangler config, the deploy bundle of wrangler deploy --dry-run, the worker bound straight to a loopback socket of workerd (no wrangler dev proxy worker, no Miniflare entry worker). Hot = the Domain Worker as committed (manifest TTL 5 s, counting on into Miniflare's local Analytics Engine dataset) on the stack's R2 state; counting off = the same without the dataset; constant = the same answer (HTML and headers) as a string constant.",
	startup:
		"wrangler check startup: the deploy bundle evaluated in a local workerd under the CPU profiler, the profile's active time (GC included); median of 3 runs.",
	scale:
		"A copy of the nearly empty state with accounts, pages, links and two years of daily statistics roll-ups for some accounts written straight into its D1 file (node:sqlite); GET /stats asks for a year of the bench account, whose roll-ups are seeded alike on both databases.",
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

/**
 * Section 1: the Domain Worker (hot, cold manifest, 304) against a constant worker, both in
 * `wrangler dev` as the stack runs them and directly in workerd (issue 22.2: no dev proxy in
 * front, the deploy bundle, counting on as committed and off), and against nginx when installed.
 */
async function measureDelivery(
	stack: Stack,
	stateDir: string,
	html: string,
	answerHeaders: Record<string, string>,
	etag: string,
	host: string,
): Promise<Record<string, Summary>> {
	const cold = await startColdDomain(stateDir, workDir, log);
	cleanups.push({ name: "cold domain worker", run: () => cold.process.stop() });
	say(
		`starting the baselines: a constant-HTML worker (wrangler dev)${nginx ? " and nginx…" : "…"}`,
	);
	const [constant, ngx, bundle] = await Promise.all([
		startConstantWorker(html, answerHeaders, workDir, log),
		nginx ? startNginx(nginx, html, nginxDir, log) : Promise.resolve(null),
		buildBundle("domain", join(workDir, "bundle", "domain")),
	]);
	cleanups.push({ name: "constant worker", run: () => constant.process.stop() });
	if (ngx) cleanups.push({ name: "nginx", run: () => ngx.process.stop() });
	say(
		"directly in workerd: the constant worker and the Domain Worker's deploy bundle, counting on and off…",
	);
	const [constantW, domainOn, domainOff] = await Promise.all([
		startConstantWorkerd(html, answerHeaders, workDir, log),
		startDomainWorkerd(bundle, true, stateDir, workDir, log),
		startDomainWorkerd(bundle, false, stateDir, workDir, log),
	]);
	for (const [name, server] of [
		["workerd constant", constantW],
		["workerd domain on", domainOn],
		["workerd domain off", domainOff],
	] as const) {
		cleanups.push({ name, run: () => server.process.stop() });
	}
	for (const port of [constant.port, constantW.port, ...(ngx ? [ngx.port] : [])]) {
		const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
		if (body !== html) throw new Error(`baseline on :${port} does not serve the same HTML`);
	}
	for (const server of [domainOn, domainOff]) {
		const res = await getWithHost(`http://${host}/`, server.port);
		if (res.status !== 200 || res.headers.get("etag") !== etag) {
			throw new Error(
				`${server.name}: the home page answered ${res.status}, not the stack's version`,
			);
		}
	}
	say(
		`delivery: ${knobs.rounds} rounds × ${knobs.deliverySeconds} s behind wrangler dev, then ${knobs.directRounds} rounds × ${knobs.directSeconds} s directly in workerd and nginx; ${knobs.deliveryConnections} connections, Host ${host}`,
	);
	const url = (port: number) => `http://127.0.0.1:${port}/`;
	const page = (port: number, group: number | undefined, extra: Record<string, string> = {}) => ({
		url: url(port),
		headers: { Host: host, ...extra },
		expectStatus: extra["If-None-Match"] ? 304 : 200,
		...(group ? { cpuGroup: group } : {}),
	});
	const targets: Record<string, Target> = {
		"constant worker": {
			url: url(constant.port),
			expectStatus: 200,
			cpuGroup: constant.process.child.pid,
		},
		"domain hot": page(stack.ports.domain, stack.pids[1]),
		"domain cold": page(cold.port, cold.process.child.pid),
		"domain 304": page(stack.ports.domain, stack.pids[1], { "If-None-Match": etag }),
	};
	const direct: Record<string, Target> = {
		"workerd constant": {
			url: url(constantW.port),
			expectStatus: 200,
			cpuGroup: constantW.process.child.pid,
		},
		"workerd hot": page(domainOn.port, domainOn.process.child.pid),
		"workerd 304": page(domainOn.port, domainOn.process.child.pid, { "If-None-Match": etag }),
		"workerd counting off": page(domainOff.port, domainOff.process.child.pid),
	};
	if (ngx) direct.nginx = { url: url(ngx.port), expectStatus: 200 };
	const behindDev = await interleaved(
		targets,
		knobs.rounds,
		knobs.deliverySeconds,
		knobs.deliveryConnections,
		knobs.warmupSeconds,
		(line) => say(line),
	);
	// The rows directly in workerd: servers on one CPU, the load generator on the other.
	const pinned = await pinnedLoad(
		[constantW, domainOn, domainOff, ...(ngx ? [ngx] : [])].map((s) => s.process.child.pid ?? 0),
	);
	directPinned = pinned !== null;
	say(
		pinned
			? `directly in workerd: servers bound to CPU ${SERVER_CPU}, the load generator to CPU ${LOAD_CPU}`
			: "directly in workerd: one CPU or no taskset, load generated in this process",
	);
	let directRows: Record<string, Summary>;
	try {
		directRows = await interleaved(
			direct,
			knobs.directRounds,
			knobs.directSeconds,
			knobs.deliveryConnections,
			knobs.directWarmupSeconds,
			(line) => say(line),
			{ alternate: true, ...(pinned ? { runner: (o) => pinned.run(o) } : {}) },
		);
	} finally {
		await pinned?.stop();
	}
	const delivery = { ...behindDev, ...directRows };
	for (const name of [
		"workerd domain off",
		"workerd domain on",
		"workerd constant",
		"nginx",
		"constant worker",
		"cold domain worker",
	]) {
		await stopNamed(name);
	}
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
	if (!worker) throw new Error("delivery baseline missing");
	const bases = [
		{ name: "constant worker", summary: worker },
		...(ngx ? [{ name: "nginx", summary: ngx }] : []),
	];
	for (const [mode, key] of [
		["hot cache", "domain hot"],
		["cold manifest", "domain cold"],
		["304 revalidation", "domain 304"],
	] as const) {
		const s = delivery[key];
		if (!s) continue;
		for (const base of bases) {
			addLoad(figures, sec, mode, s, base.name, base.summary);
		}
		figures.add(sec, `${mode}: CPU per request`, s.cpuMsPerRequest, "ms", "lower", {
			name: "constant worker",
			value: worker.cpuMsPerRequest,
		});
	}
	if (ngx) {
		figures.add(sec, "constant worker: rps", worker.rps, "req/s", "higher", {
			name: "nginx",
			value: ngx.rps,
		});
		figures.add(sec, "constant worker: p50", worker.p50, "ms", "lower", {
			name: "nginx",
			value: ngx.p50,
		});
	} else {
		figures.add(sec, "nginx: not installed on this machine", Number.NaN, "", "higher");
	}
	workerdFigures(figures, delivery, ngx);
}

/** rps, p50 and p99 of `s` against one baseline. */
function addLoad(
	figures: Figures,
	sec: string,
	mode: string,
	s: Summary,
	baseName: string,
	base: Summary,
	goals: { rps?: string; p50?: string } = {},
	paired = false,
): void {
	// Paired: the ratio is the median of the ratios within each round (roundRatio).
	const ratio = (pick: (r: LoadResult) => number) =>
		paired ? roundRatio(s, base, pick) : undefined;
	figures.add(
		sec,
		`${mode}: rps`,
		s.rps,
		"req/s",
		"higher",
		{ name: baseName, value: base.rps },
		goals.rps,
		ratio((r) => r.rps),
	);
	figures.add(
		sec,
		`${mode}: p50`,
		s.p50,
		"ms",
		"lower",
		{ name: baseName, value: base.p50 },
		goals.p50,
		ratio((r) => r.p50),
	);
	figures.add(
		sec,
		`${mode}: p99`,
		s.p99,
		"ms",
		"lower",
		{ name: baseName, value: base.p99 },
		undefined,
		ratio((r) => r.p99),
	);
}

/**
 * Section 1 in workerd directly (issue 22.2): the Domain Worker's deploy bundle against the
 * constant worker in the same runtime, counting on against off, and what the dev proxy costs.
 */
function workerdFigures(
	figures: Figures,
	delivery: Record<string, Summary>,
	ngx: Summary | undefined,
): void {
	const sec = "1 workerd";
	const constant = delivery["workerd constant"];
	const hot = delivery["workerd hot"];
	const revalidation = delivery["workerd 304"];
	const off = delivery["workerd counting off"];
	const devConstant = delivery["constant worker"];
	if (!constant || !hot || !revalidation || !off || !devConstant) {
		throw new Error("workerd delivery figures missing");
	}
	const base = "constant worker (workerd)";
	const cpu = (r: LoadResult) => r.cpuMsPerRequest;
	addLoad(
		figures,
		sec,
		"hot page view",
		hot,
		base,
		constant,
		{ rps: "≥ 0.9", p50: "≤ 1.15" },
		true,
	);
	figures.add(
		sec,
		"hot page view: CPU per request",
		hot.cpuMsPerRequest,
		"ms",
		"lower",
		{ name: base, value: constant.cpuMsPerRequest },
		undefined,
		roundRatio(hot, constant, cpu),
	);
	addLoad(figures, sec, "304 revalidation", revalidation, base, constant, { rps: "≥ 1.0" }, true);
	addLoad(
		figures,
		sec,
		"counting on (hot page view)",
		hot,
		"counting off",
		off,
		{ rps: "≥ 0.85" },
		true,
	);
	figures.add(
		sec,
		"counting on: CPU per request",
		hot.cpuMsPerRequest,
		"ms",
		"lower",
		{ name: "counting off", value: off.cpuMsPerRequest },
		undefined,
		roundRatio(hot, off, cpu),
	);
	figures.add(sec, "constant worker (workerd): rps", constant.rps, "req/s", "higher", {
		name: "constant worker (wrangler dev)",
		value: devConstant.rps,
	});
	figures.add(sec, "constant worker (workerd): p50", constant.p50, "ms", "lower", {
		name: "constant worker (wrangler dev)",
		value: devConstant.p50,
	});
	figures.add(
		sec,
		"constant worker (workerd): CPU per request",
		constant.cpuMsPerRequest,
		"ms",
		"lower",
		{ name: "constant worker (wrangler dev)", value: devConstant.cpuMsPerRequest },
	);
	if (ngx) {
		figures.add(sec, "hot page view: rps", hot.rps, "req/s", "higher", {
			name: "nginx",
			value: ngx.rps,
		});
		figures.add(sec, "hot page view: p50", hot.p50, "ms", "lower", {
			name: "nginx",
			value: ngx.p50,
		});
		figures.add(sec, "constant worker (workerd): rps", constant.rps, "req/s", "higher", {
			name: "nginx",
			value: ngx.rps,
		});
	}
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
	const base = (value: number) => ({ name: "nearly empty DB", value });
	const size = `${Math.round(scale.accounts / 1000)}k accounts`;
	const goal = "≤ 1.5";
	figures.add(
		sec,
		`GET /pages p50 (${size})`,
		full.pages.p50,
		"ms",
		"lower",
		base(empty.pages.p50),
		goal,
	);
	figures.add(
		sec,
		`GET /pages p99 (${size})`,
		full.pages.p99,
		"ms",
		"lower",
		base(empty.pages.p99),
		goal,
	);
	figures.add(
		sec,
		"GET /stats, a year: p50",
		full.stats.p50,
		"ms",
		"lower",
		base(empty.stats.p50),
		goal,
	);
	figures.add(
		sec,
		"GET /stats, a year: p99",
		full.stats.p99,
		"ms",
		"lower",
		base(empty.stats.p99),
		goal,
	);
	figures.add(
		sec,
		"GET /health p50 (control)",
		full.health.p50,
		"ms",
		"lower",
		base(empty.health.p50),
	);
	figures.add(
		sec,
		"publish 100 links → served (median)",
		visible(full.publishBig),
		"ms",
		"lower",
		base(visible(empty.publishBig)),
		goal,
	);
	const p99 = (xs: PublishTimes[]) =>
		quantile(Float64Array.from(xs.map((x) => x.visibleMs)).sort(), 0.99);
	figures.add(
		sec,
		"publish 100 links → served (max of the runs)",
		p99(full.publishBig),
		"ms",
		"lower",
		base(p99(empty.publishBig)),
		goal,
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
	const pages = scale.accounts * scale.pagesPerAccount;
	return `Latest run: ${date}, ${cpus().length} cores, ${seconds.toFixed(0)} s, on a shared machine that was busy with other test runs — read the ratios, not the absolute times.

${markdownTable(figures.list)}

How it was measured: autocannon over loopback (behind wrangler dev from the bench's own process), delivery with ${knobs.deliveryConnections} connections and the API with ${knobs.apiConnections}; ${knobs.rounds} interleaved rounds of ${knobs.deliverySeconds} s after a ${knobs.warmupSeconds} s warm-up each, medians of the rounds, percentiles over every answer (304s included); the rows directly in workerd and nginx in ${knobs.directRounds} interleaved rounds of ${knobs.directSeconds} s of their own (order reversed every other round), ${directPinned ? "the servers bound to CPU 0 and autocannon, in a process of its own, to CPU 1" : "load generated in the bench's process (no CPU pinning on this machine)"}, their ratios the median of the ratios within each round. _Hot_: the Domain Worker as configured; after the warm-up the host mapping, the manifest and the page bytes come from the isolate's memory (the Cache API behind it). _Cold manifest_: a second Domain Worker with \`MANIFEST_CACHE_SECONDS=0\`, which reads the host mapping and manifest from R2 on every request. _First GET of a new version_: nothing of it cached. Baselines: a worker returning the Domain Worker's hot answer (the same HTML and headers) as a constant in \`wrangler dev\`, and nginx (one worker process) serving the same file when it is installed. _1 workerd_: the Domain Worker's deploy bundle and the constant worker directly in workerd, each bound to its own loopback socket (Miniflare from the installed wrangler, bindings from the wrangler config; no dev proxy, no entry worker), counting on as committed against the same bundle with no dataset bound; with one CPU for the servers, a server's rate is what one CPU of it serves, so the ratio to the constant worker is what the Domain Worker's own work costs. _Counting_: the hot page view of a Domain Worker writing a data point per view into its Analytics Engine binding, against the same worker with no dataset bound; the \`/_l/\` redirect against a page view of the counting worker. Publishing: POST until the Domain Worker (manifest TTL 0) serves the new ETag; deployed, the 5 s manifest TTL adds up to 5 s. Scale: a copy of the same state with ${n(scale.accounts)} accounts, ${n(pages)} pages, ${n(pages * scale.linksPerPage)} links and ${n(scale.statsDays)} days of statistics roll-ups for ${n(scale.statsAccounts)} accounts written straight into its D1 file; GET /stats asks for a year of the bench account (its roll-ups seeded alike on both databases); both stacks run at once and are measured in alternation; EXPLAIN QUERY PLAN of ${queries} hot queries is in \`bench/results/latest.json\`. ${lighthouse}. CPU: kernel accounting (utime + stime) of the \`wrangler dev\` process group per answer, since wrangler dev reports no CPU per request — it includes the dev harness (a proxy workerd, request logging in Node), see the constant worker's figure; in workerd directly, the group is workerd and its idle Miniflare host; the hash alone is the same Argon2id wasm in Node; startup CPU is \`wrangler check startup\`'s active time (median of 3). Details: [bench/README.md](bench/README.md).`;
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
