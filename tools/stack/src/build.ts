#!/usr/bin/env node
/**
 * Production builds without an account: `wrangler deploy --dry-run` for every worker (catches a
 * Node-only import or a missing module the way a real deploy would) and `astro build` for the
 * web app. Prints each worker's bundle size and fails when one exceeds build-budgets.json.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { run } from "./processes.ts";
import { ROOT } from "./stack.ts";

const require = createRequire(import.meta.url);
const bin = (pkg: string, file: string, from = ROOT) =>
	join(dirname(require.resolve(`${pkg}/package.json`, { paths: [from] })), file);
const WRANGLER = bin("wrangler", "bin/wrangler.js");
const ASTRO = bin("astro", "bin/astro.mjs", join(ROOT, "apps/web"));
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

const workers = ["core", "customer", "billing", "mailer", "domain"];
await Promise.all(
	workers.map((worker) =>
		run(
			process.execPath,
			[
				WRANGLER,
				"deploy",
				"--dry-run",
				"--outdir",
				join(ROOT, ".build/deploy", worker),
				"-c",
				join(ROOT, "workers", worker, "wrangler.jsonc"),
			],
			{ cwd: ROOT, env },
		),
	),
);
const budgets = (
	JSON.parse(readFileSync(join(ROOT, "build-budgets.json"), "utf8")) as {
		gzipKiB: Record<string, number>;
	}
).gzipKiB;
const overBudget: string[] = [];
for (const worker of workers) {
	const dir = join(ROOT, ".build/deploy", worker);
	let raw = 0;
	let gzip = 0;
	for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
		const path = join(dir, file);
		if (!statSync(path).isFile() || file.endsWith(".map") || file.endsWith(".md")) continue;
		const bytes = readFileSync(path);
		raw += bytes.length;
		gzip += gzipSync(bytes).length;
	}
	const budget = budgets[worker] ?? 0;
	const kib = gzip / 1024;
	console.log(
		`${worker.padEnd(9)} ${(raw / 1024).toFixed(1).padStart(8)} KiB raw ${kib.toFixed(1).padStart(8)} KiB gzip  (budget ${budget} KiB)`,
	);
	if (kib > budget) overBudget.push(`${worker}: ${kib.toFixed(1)} KiB gzip > ${budget} KiB`);
}
if (overBudget.length > 0) {
	console.error(`Bundle over budget (build-budgets.json):\n  ${overBudget.join("\n  ")}`);
	process.exit(1);
}
await run(process.execPath, [ASTRO, "build"], { cwd: join(ROOT, "apps/web"), env });
console.log("web app built to apps/web/dist");
