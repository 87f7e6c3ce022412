#!/usr/bin/env node
/**
 * Production builds without an account: `wrangler deploy --dry-run` for every worker (catches a
 * Node-only import or a missing module the way a real deploy would) and `astro build` for the
 * web app. Prints each worker's bundle size and fails when one exceeds build-budgets.json.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildBundles } from "./bundles.ts";
import { run } from "./processes.ts";
import { ROOT } from "./stack.ts";

const require = createRequire(import.meta.url);
const ASTRO = join(
	dirname(require.resolve("astro/package.json", { paths: [join(ROOT, "apps/web")] })),
	"bin/astro.mjs",
);
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

const overBudget: string[] = [];
for (const { worker, rawBytes, gzipBytes, budgetKiB } of await buildBundles(
	join(ROOT, ".build/deploy"),
)) {
	const kib = gzipBytes / 1024;
	console.log(
		`${worker.padEnd(9)} ${(rawBytes / 1024).toFixed(1).padStart(8)} KiB raw ${kib.toFixed(1).padStart(8)} KiB gzip  (budget ${budgetKiB} KiB)`,
	);
	if (kib > budgetKiB) overBudget.push(`${worker}: ${kib.toFixed(1)} KiB gzip > ${budgetKiB} KiB`);
}
if (overBudget.length > 0) {
	console.error(`Bundle over budget (build-budgets.json):\n  ${overBudget.join("\n  ")}`);
	process.exit(1);
}
await run(process.execPath, [ASTRO, "build"], { cwd: join(ROOT, "apps/web"), env });
console.log("web app built to apps/web/dist");
