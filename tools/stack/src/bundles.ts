/**
 * Deploy bundles without an account: `wrangler deploy --dry-run --outdir` per worker, and the
 * raw and gzip size of what would be uploaded. Shared by `npm run build` (budgets) and
 * `npm run bench` (cost per request).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { run } from "./processes.ts";
import { ROOT, WRANGLER } from "./stack.ts";

export const WORKERS = ["core", "customer", "billing", "mailer", "domain"] as const;
export type WorkerName = (typeof WORKERS)[number];

export interface BundleSize {
	worker: WorkerName;
	rawBytes: number;
	gzipBytes: number;
	/** The worker's budget from build-budgets.json (gzip KiB). */
	budgetKiB: number;
}

/** The gzip KiB budgets of build-budgets.json. */
export function bundleBudgets(): Record<string, number> {
	return (
		JSON.parse(readFileSync(join(ROOT, "build-budgets.json"), "utf8")) as {
			gzipKiB: Record<string, number>;
		}
	).gzipKiB;
}

/** Sizes of the files in a dry-run output directory (source maps and notes excluded). */
export function measureBundle(dir: string): { rawBytes: number; gzipBytes: number } {
	let rawBytes = 0;
	let gzipBytes = 0;
	for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
		const path = join(dir, file);
		if (!statSync(path).isFile() || file.endsWith(".map") || file.endsWith(".md")) continue;
		const bytes = readFileSync(path);
		rawBytes += bytes.length;
		gzipBytes += gzipSync(bytes).length;
	}
	return { rawBytes, gzipBytes };
}

/**
 * Builds one worker with `wrangler deploy --dry-run` into `outDir` (its deploy bundle, `index.js`,
 * and the esbuild metafile beside it as `outDir.meta.json`, for a look at what a bundle holds).
 */
export async function buildBundle(worker: WorkerName, outDir: string): Promise<string> {
	const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
	await run(
		process.execPath,
		[
			WRANGLER,
			"deploy",
			"--dry-run",
			"--outdir",
			outDir,
			"--metafile",
			`${outDir}.meta.json`,
			"-c",
			join(ROOT, "workers", worker, "wrangler.jsonc"),
		],
		{ cwd: ROOT, env },
	);
	return join(outDir, "index.js");
}

/** Builds every worker with `wrangler deploy --dry-run` into `outRoot/{worker}` and sizes it. */
export async function buildBundles(outRoot: string): Promise<BundleSize[]> {
	await Promise.all(WORKERS.map((worker) => buildBundle(worker, join(outRoot, worker))));
	const budgets = bundleBudgets();
	return WORKERS.map((worker) => ({
		worker,
		...measureBundle(join(outRoot, worker)),
		budgetKiB: budgets[worker] ?? 0,
	}));
}
