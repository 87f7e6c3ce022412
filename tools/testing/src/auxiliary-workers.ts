/**
 * Builds internal workers exactly as `wrangler deploy` would (dry run) and turns their wrangler
 * configs into Miniflare options, so a worker's tests can call its real neighbours over service
 * bindings instead of mocks.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);
const WRANGLER = join(
	dirname(require.resolve("wrangler/package.json", { paths: [ROOT] })),
	"bin/wrangler.js",
);

/** Bundles `workers/{name}` into `.build/test/{name}` and returns its Miniflare worker options. */
export async function auxiliaryWorker(name: string, vars: Record<string, string> = {}) {
	const configPath = join(ROOT, "workers", name, "wrangler.jsonc");
	const outdir = join(ROOT, ".build", "test", name);
	await promisify(execFile)(
		process.execPath,
		[WRANGLER, "deploy", "--dry-run", "--outdir", outdir, "-c", configPath],
		{ cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
	);
	const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath);
	const { rootPath: _rootPath, modulesRules: _rules, ...options } = workerOptions;
	return {
		...options,
		name: `smartpages-${name}`,
		bindings: { ...(workerOptions.bindings ?? {}), ...vars },
		modulesRoot: outdir,
		modules: bundleModules(outdir),
	};
}

/** Lists the bundle's modules, entry first, typed the way wrangler's module rules type them. */
function bundleModules(outdir: string) {
	const files = readdirSync(outdir, { recursive: true, encoding: "utf8" })
		.filter((file) => /\.(m?js|wasm)$/.test(file))
		.sort((a, b) => (a === "index.js" ? -1 : b === "index.js" ? 1 : a.localeCompare(b)));
	return files.map((file) => ({
		type: file.endsWith(".wasm") ? ("CompiledWasm" as const) : ("ESModule" as const),
		path: join(outdir, file),
	}));
}
