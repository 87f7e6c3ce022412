#!/usr/bin/env node
/**
 * `npm run dev`: the whole stack on the documented ports with persistent local state, a demo
 * account seeded once, every URL printed, and everything stopped again on Ctrl-C.
 */
import { join } from "node:path";
import { seedDemo } from "./seed.ts";
import { ROOT, startStack } from "./stack.ts";

const started = Date.now();
console.log("Starting SmartPages locally…");
const stack = await startStack({
	stateDir: join(ROOT, ".state"),
	web: "dev",
	// Scheduled links go live and off on their own within a minute, as in production (issue 18).
	cron: true,
	ports: {
		web: 4321,
		core: 8787,
		domain: 8788,
		mail: 8025,
		stripe: 12111,
		dns: 12112,
		stats: 12113,
	},
});

let stopping = false;
const shutdown = async (code: number) => {
	if (stopping) return;
	stopping = true;
	console.log("\nStopping SmartPages…");
	await stack.stop();
	process.exit(code);
};
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));

try {
	const demo = await seedDemo(stack.urls);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`
SmartPages is running (ready in ${seconds} s):

  Dashboard            ${stack.urls.web}
  Core API             ${stack.urls.api}  (health: ${stack.urls.api}/health)
  Published pages      http://{handle}.localhost:${stack.ports.domain}/
  Demo page            ${demo.url}
  Mail inbox           ${stack.urls.mail}
  Stripe stand-in      ${stack.urls.stripe}
  DNS stand-in         ${stack.urls.dns}
  Statistics stand-in  ${stack.urls.stats}/_local/datasets/smartpages_stats/points
                       (SQL API for Core: ${stack.urls.stats}/client/v4)

  Demo login           ${demo.email} / ${demo.password}

Press Ctrl-C to stop everything.`);
} catch (error) {
	console.error("Could not seed the demo account:", error);
	await shutdown(1);
}
