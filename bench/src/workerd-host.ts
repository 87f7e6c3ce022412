#!/usr/bin/env node
/**
 * Runs one worker directly in workerd for the delivery benchmark (issue 22.2): a Miniflare
 * instance from the installed wrangler's own Miniflare, its bindings generated from the worker's
 * wrangler config (`unstable_getMiniflareWorkerOptions`, as `wrangler dev` and `getPlatformProxy`
 * do), its script the deploy bundle of `wrangler deploy --dry-run`, and the worker bound straight
 * to a loopback socket of workerd (`unsafeDirectSockets`): no `wrangler dev` proxy worker and no
 * Miniflare entry worker in front of it, so a request costs what the runtime and the worker cost.
 *
 * Started by bench/src/servers.ts in a process group of its own (CPU per group: this idle Node
 * process plus workerd); `node bench/src/workerd-host.ts <spec.json>`; stops on SIGTERM.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { Miniflare as MiniflareClass, V4MiniflareOptions } from "miniflare";
import type { unstable_getMiniflareWorkerOptions } from "wrangler";

/** What bench/src/servers.ts asks for. */
export interface WorkerdSpec {
	/** The worker's name inside workerd. */
	name: string;
	/** The ES module to run (a deploy bundle, or a generated one). */
	scriptPath: string;
	/** Loopback port of the worker's own socket. */
	port: number;
	/** The worker's wrangler config, whose bindings and compatibility settings it gets. */
	config?: string;
	compatibilityDate?: string;
	/** Var overrides (e.g. MANIFEST_CACHE_SECONDS). */
	vars?: Record<string, string>;
	/** Binding option groups to leave out (e.g. analyticsEngineDatasets: counting off). */
	without?: string[];
	/** The `v3` directory of a wrangler state (R2 and the cache of the stack), if any. */
	persistRoot?: string;
}

// The Miniflare that the installed wrangler runs, so the runtime is the one `wrangler dev` uses.
const require = createRequire(import.meta.url);
const wranglerRequire = createRequire(require.resolve("wrangler/package.json"));
const miniflare = (await import(
	wranglerRequire.resolve("miniflare")
)) as typeof import("miniflare");
const wrangler = (await import("wrangler")) as {
	unstable_getMiniflareWorkerOptions: typeof unstable_getMiniflareWorkerOptions;
};

const specPath = process.argv[2];
if (!specPath) {
	console.error("usage: workerd-host.ts <spec.json>");
	process.exit(2);
}
const spec = JSON.parse(readFileSync(specPath, "utf8")) as WorkerdSpec;

const fromConfig: Record<string, unknown> = spec.config
	? { ...wrangler.unstable_getMiniflareWorkerOptions(spec.config).workerOptions }
	: { compatibilityDate: spec.compatibilityDate };
for (const key of spec.without ?? []) delete fromConfig[key];
// The deploy bundle is one ES module with its imports already resolved.
delete fromConfig.modulesRules;
const bindings = {
	...((fromConfig.bindings as Record<string, unknown> | undefined) ?? {}),
	...(spec.vars ?? {}),
};

const options = {
	...(spec.persistRoot ? { resourcePersistencePath: spec.persistRoot } : {}),
	...fromConfig,
	name: spec.name,
	modules: true,
	scriptPath: spec.scriptPath,
	// Module names are paths relative to this root, and workerd refuses names with "..".
	modulesRoot: dirname(spec.scriptPath),
	bindings,
	unsafeDirectSockets: [{ host: "127.0.0.1", port: spec.port }],
} as V4MiniflareOptions;

const mf: MiniflareClass = new miniflare.Miniflare(miniflare.convertV4MiniflareOptions(options));
await mf.ready;
const url = await mf.unsafeGetDirectURL(spec.name);
console.log(`workerd-host ${spec.name} ready at ${url.href}`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		void mf.dispose().finally(() => process.exit(0));
	});
}
