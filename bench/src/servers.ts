/**
 * The servers the bench starts besides the stack, each on a free loopback port and in its own
 * process group: a second Domain Worker without manifest caching ("cold"), two more with counting
 * on (the committed Analytics Engine binding) and off (no dataset bound), a trivial worker that
 * returns constant HTML in the same runtime (wrangler dev / workerd), the Domain Worker and that
 * constant worker once more directly in workerd (no `wrangler dev` proxy in front, issue 22.2),
 * and nginx serving the same HTML file from disk.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import {
	freePort,
	type LogSink,
	type ManagedProcess,
	startProcess,
	waitFor,
} from "../../tools/stack/src/processes.ts";
import { derivedConfig, ROOT, WRANGLER } from "../../tools/stack/src/stack.ts";
import type { WorkerdSpec } from "./workerd-host.ts";

export interface Server {
	name: string;
	port: number;
	process: ManagedProcess;
}

const wranglerEnv = (stateDir: string): NodeJS.ProcessEnv => ({
	...process.env,
	WRANGLER_SEND_METRICS: "false",
	WRANGLER_LOG_PATH: join(stateDir, "logs"),
	NO_COLOR: "1",
	FORCE_COLOR: "0",
});

async function wranglerDev(
	name: string,
	config: string,
	stateDir: string,
	log: LogSink,
	ready: (port: number) => Promise<boolean>,
): Promise<Server> {
	const port = await freePort();
	const child = startProcess(
		name,
		process.execPath,
		[
			WRANGLER,
			"dev",
			"-c",
			config,
			"--port",
			String(port),
			"--inspector-port",
			String(await freePort()),
			"--ip",
			"127.0.0.1",
			"--persist-to",
			stateDir,
			"--show-interactive-dev-session=false",
		],
		{ cwd: ROOT, env: wranglerEnv(stateDir), log },
	);
	const exited = () => (child.child.exitCode !== null ? `${name} exited` : null);
	try {
		await waitFor(name, () => ready(port), 90_000, exited);
	} catch (error) {
		await child.stop();
		throw error;
	}
	return { name, port, process: child };
}

/**
 * A second Domain Worker on the stack's state with MANIFEST_CACHE_SECONDS=0: every request reads
 * the host mapping and the site manifest from R2 (what a request pays after the short manifest
 * TTL ran out, or in a location that has not seen the site yet); page objects are immutable and
 * still come from the Cache API.
 */
export function startColdDomain(stateDir: string, workDir: string, log: LogSink): Promise<Server> {
	return startDomainVariant("domain-cold", stateDir, workDir, log, { MANIFEST_CACHE_SECONDS: "0" });
}

/**
 * The Domain Worker as committed (manifest TTL and all), counting on or off, on the stack's state.
 * On: the committed `analytics_engine_datasets` binding, unlike the stack's worker, whose `STATS`
 * is a service binding to the forwarder that posts every point to the local stand-in (an RPC, an
 * HTTP request and a SQLite insert per view on the same two cores: nothing like the deployed
 * binding, which only queues the point in the runtime). In wrangler dev that binding is
 * miniflare's local dataset, which accepts and drops the point, so the figure is the worker's own
 * work for counting: visitor description, the data point and the `waitUntil` it runs in.
 * Off: no dataset bound, so the worker skips all of that (workers/domain/src/index.ts).
 */
export function startCountingDomain(
	counting: boolean,
	stateDir: string,
	workDir: string,
	log: LogSink,
): Promise<Server> {
	const name = counting ? "domain-counting-on" : "domain-counting-off";
	return startDomainVariant(name, stateDir, workDir, log, {}, (config) => {
		if (!counting) delete config.analytics_engine_datasets;
	});
}

/** A second Domain Worker from a derived config (its own directory) on the stack's state. */
function startDomainVariant(
	name: string,
	stateDir: string,
	workDir: string,
	log: LogSink,
	vars: Record<string, string>,
	adapt?: (config: Record<string, unknown>) => void,
): Promise<Server> {
	const dir = join(workDir, name);
	mkdirSync(dir, { recursive: true });
	const config = derivedConfig("domain", dir, vars, adapt);
	return wranglerDev(
		name,
		config,
		stateDir,
		log,
		async (port) =>
			(await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5000) })).status ===
			404,
	);
}

/**
 * The constant worker's script: every request answered with the Domain Worker's own hot answer —
 * the same HTML and the same headers (security headers, validator, caching) as constants — so
 * that against it the ratio is what the Domain Worker's work costs, not how many more bytes a real
 * answer puts on the wire for the load generator to read.
 */
function constantScript(
	html: string,
	headers: Record<string, string>,
	htmlImport: boolean,
): string {
	return `${htmlImport ? 'import html from "./page.html";' : `const html = ${JSON.stringify(html)};`}
const headers = ${JSON.stringify(headers)};
export default {
	fetch() {
		return new Response(html, { headers });
	},
};
`;
}

/** The headers of an answer that a constant worker repeats (not those the runtime sets itself). */
export function constantHeaders(answer: Headers): Record<string, string> {
	const own = new Set(["content-length", "date", "connection", "keep-alive", "transfer-encoding"]);
	const kept: Record<string, string> = {};
	answer.forEach((value, name) => {
		if (!own.has(name)) kept[name] = value;
	});
	return kept;
}

/** A worker that answers every request with the given answer, in the same runtime as the stack. */
export function startConstantWorker(
	html: string,
	headers: Record<string, string>,
	workDir: string,
	log: LogSink,
): Promise<Server> {
	const dir = join(workDir, "constant-worker");
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, "page.html"), html);
	writeFileSync(join(dir, "index.js"), constantScript(html, headers, true));
	writeFileSync(
		join(dir, "wrangler.json"),
		JSON.stringify({
			name: "bench-constant-html",
			main: join(dir, "index.js"),
			compatibility_date: domainCompatibilityDate(),
		}),
	);
	return wranglerDev(
		"constant-worker",
		join(dir, "wrangler.json"),
		join(dir, "state"),
		log,
		async (port) =>
			(await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5000) })).ok,
	);
}

/**
 * One worker directly in workerd (bench/src/workerd-host.ts says how), in a process group of its
 * own; ready once `ready` holds for its socket.
 */
async function workerdDirect(
	spec: Omit<WorkerdSpec, "port">,
	workDir: string,
	log: LogSink,
	ready: (status: number) => boolean,
): Promise<Server> {
	const port = await freePort();
	const dir = join(workDir, `workerd-${spec.name}`);
	mkdirSync(dir, { recursive: true });
	const specPath = join(dir, "spec.json");
	writeFileSync(specPath, JSON.stringify({ ...spec, port } satisfies WorkerdSpec));
	const name = `workerd ${spec.name}`;
	const child = startProcess(
		name,
		process.execPath,
		[join(ROOT, "bench/src/workerd-host.ts"), specPath],
		{ cwd: dir, env: { ...process.env, NO_COLOR: "1" }, log },
	);
	const exited = () => (child.child.exitCode !== null ? `${name} exited` : null);
	try {
		await waitFor(
			name,
			async () =>
				ready(
					(await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5000) })).status,
				),
			60_000,
			exited,
		);
	} catch (error) {
		await child.stop();
		throw error;
	}
	return { name, port, process: child };
}

/**
 * The Domain Worker's deploy bundle directly in workerd, with the bindings and vars of its
 * wrangler config on the stack's R2 (and cache) state: counting on as committed (the Analytics
 * Engine binding, Miniflare's local dataset that drops the point) or off (no dataset bound).
 */
export function startDomainWorkerd(
	bundle: string,
	counting: boolean,
	stateDir: string,
	workDir: string,
	log: LogSink,
): Promise<Server> {
	return workerdDirect(
		{
			name: counting ? "domain-on" : "domain-off",
			scriptPath: bundle,
			config: join(ROOT, "workers/domain/wrangler.jsonc"),
			persistRoot: join(stateDir, "v3"),
			...(counting ? {} : { without: ["analyticsEngineDatasets"] }),
		},
		workDir,
		log,
		(status) => status === 404,
	);
}

/** The constant worker directly in workerd (the same answer, its HTML as a string constant). */
export function startConstantWorkerd(
	html: string,
	headers: Record<string, string>,
	workDir: string,
	log: LogSink,
): Promise<Server> {
	const dir = join(workDir, "constant-workerd");
	mkdirSync(dir, { recursive: true });
	const script = join(dir, "index.mjs");
	writeFileSync(script, constantScript(html, headers, false));
	return workerdDirect(
		{ name: "constant", scriptPath: script, compatibilityDate: domainCompatibilityDate() },
		workDir,
		log,
		(status) => status === 200,
	);
}

function domainCompatibilityDate(): string {
	return (
		parseJsonc(readFileSync(join(ROOT, "workers/domain/wrangler.jsonc"), "utf8")) as {
			compatibility_date: string;
		}
	).compatibility_date;
}

export const NGINX_HINT =
	"nginx is needed as the delivery ceiling: sudo apt-get install nginx-light (or set NGINX_PATH)";

/** The nginx binary, or null when it is not installed. */
export function findNginx(): string | null {
	const candidates = [process.env.NGINX_PATH, "/usr/sbin/nginx", "/usr/bin/nginx"];
	return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/**
 * nginx (one worker process, like one workerd) serving `html` as a static file from disk, with
 * its config, logs and document root in `dir` (a directory of its own: see the chmod below).
 */
export async function startNginx(
	nginx: string,
	html: string,
	dir: string,
	log: LogSink,
): Promise<Server> {
	const www = join(dir, "www");
	mkdirSync(join(dir, "tmp"), { recursive: true });
	mkdirSync(www, { recursive: true });
	writeFileSync(join(www, "index.html"), html);
	// Workers run as an unprivileged user when nginx starts as root: the document root must be
	// readable along the whole path (mkdtemp makes 0700 directories).
	for (const d of [dir, www]) chmodSync(d, 0o755);
	chmodSync(join(www, "index.html"), 0o644);
	const port = await freePort();
	const tmp = join(dir, "tmp");
	const conf = join(dir, "nginx.conf");
	writeFileSync(
		conf,
		`daemon off;
worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path ${tmp};
	proxy_temp_path ${tmp};
	fastcgi_temp_path ${tmp};
	uwsgi_temp_path ${tmp};
	scgi_temp_path ${tmp};
	types { text/html html; }
	charset utf-8;
	# nginx closes a keep-alive connection after 1,000 requests by default; at tens of thousands
	# of requests per second the load generator would then race the close now and then.
	keepalive_requests 10000000;
	server {
		listen 127.0.0.1:${port};
		root ${www};
		index index.html;
	}
}
`,
	);
	const child = startProcess(
		"nginx",
		nginx,
		["-c", conf, "-p", dir, "-e", join(dir, "error.log")],
		{
			cwd: dir,
			env: process.env,
			log,
		},
	);
	const exited = () => (child.child.exitCode !== null ? "nginx exited (see its error.log)" : null);
	try {
		await waitFor(
			"nginx",
			async () => (await fetch(`http://127.0.0.1:${port}/`)).status === 200,
			15_000,
			exited,
		);
	} catch (error) {
		await child.stop();
		throw error;
	}
	return { name: "nginx", port, process: child };
}
