#!/usr/bin/env node
/**
 * `npm run dev`: the whole stack on the documented ports with persistent local state, a demo
 * account seeded once, every URL printed, and everything stopped again on Ctrl-C.
 *
 * A start that cannot work is explained in one line instead of a stack trace (issue 19 item 10):
 * a documented port already taken is named before anything starts; a collision of the Workers
 * runtime's own internal sockets (it picks them itself, and can lose a race with another
 * program) is retried a few times, since a second attempt picks other ones. SMARTPAGES_DEBUG=1
 * prints the full error as well.
 */
import { join } from "node:path";
import { portIsFree } from "./processes.ts";
import { seedDemo } from "./seed.ts";
import { ROOT, type Stack, startStack } from "./stack.ts";

const PORTS = {
	web: 4321,
	core: 8787,
	domain: 8788,
	mail: 8025,
	stripe: 12111,
	dns: 12112,
	stats: 12113,
};

const NAMES: Record<keyof typeof PORTS, string> = {
	web: "dashboard",
	core: "Core API",
	domain: "published pages",
	mail: "mail inbox",
	stripe: "Stripe stand-in",
	dns: "DNS stand-in",
	stats: "statistics stand-in",
};

/** Attempts in all when the runtime's internal sockets collide. */
const ATTEMPTS = 3;

const debug = process.env.SMARTPAGES_DEBUG === "1";

/** One readable line (and the full error with SMARTPAGES_DEBUG=1), then exit. */
function fail(line: string, error?: unknown): never {
	console.error(`\n✗ ${line}`);
	if (error !== undefined && debug) console.error(error);
	else if (error !== undefined)
		console.error("  (SMARTPAGES_DEBUG=1 npm run dev shows the details.)");
	process.exit(1);
}

/** The first line of an error's message, without the stack. */
function firstLine(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.split("\n")[0] ?? message;
}

const started = Date.now();
console.log("Starting SmartPages locally…");

const busy: string[] = [];
for (const [key, port] of Object.entries(PORTS) as [keyof typeof PORTS, number][]) {
	if (!(await portIsFree(port))) busy.push(`${port} (${NAMES[key]})`);
}
if (busy.length > 0) {
	fail(
		`Port ${busy.join(", ")} ${busy.length === 1 ? "is" : "are"} already in use — is another \`npm run dev\` still running? Stop it (\`lsof -i :${busy[0]?.split(" ")[0]}\` shows what holds it) and run again.`,
	);
}

let stack: Stack | null = null;
for (let attempt = 1; !stack; attempt++) {
	try {
		stack = await startStack({
			stateDir: join(ROOT, ".state"),
			web: "dev",
			// Scheduled links go live and off on their own within a minute, as in production (issue 18).
			cron: true,
			ports: PORTS,
		});
	} catch (error) {
		const reason = firstLine(error);
		const collision = /address already in use|EADDRINUSE/i.test(reason);
		if (collision && attempt < ATTEMPTS) {
			console.error(
				`\n! The Workers runtime's internal socket collided with another program (${reason}); retrying (${attempt + 1} of ${ATTEMPTS})…\n`,
			);
			continue;
		}
		fail(
			collision
				? `Could not start SmartPages: a port was taken while starting (${reason}). Close other development servers and run again.`
				: `Could not start SmartPages: ${reason}`,
			error,
		);
	}
}
const running = stack;

let stopping = false;
const shutdown = async (code: number) => {
	if (stopping) return;
	stopping = true;
	console.log("\nStopping SmartPages…");
	await running.stop();
	process.exit(code);
};
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));

try {
	const demo = await seedDemo(running.urls);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`
SmartPages is running (ready in ${seconds} s):

  Dashboard            ${running.urls.web}
  Core API             ${running.urls.api}  (health: ${running.urls.api}/health)
  Published pages      http://{handle}.localhost:${running.ports.domain}/
  Demo page            ${demo.url}
  Mail inbox           ${running.urls.mail}
  Stripe stand-in      ${running.urls.stripe}
  DNS stand-in         ${running.urls.dns}
  Statistics stand-in  ${running.urls.stats}/_local/datasets/smartpages_stats/points
                       (SQL API for Core: ${running.urls.stats}/client/v4)

  Demo login           ${demo.email} / ${demo.password}

First steps: README.md, "First steps". Press Ctrl-C to stop everything.`);
} catch (error) {
	console.error(`\n✗ Could not seed the demo account: ${firstLine(error)}`);
	if (debug) console.error(error);
	await shutdown(1);
}
