/**
 * Core's Cron Triggers on the local stack: `wrangler dev` never fires crons by itself, it only
 * offers `/cdn-cgi/local/scheduled` on the worker's port. `npm run dev` runs a ticker that calls it
 * at the start of every minute with the expressions of workers/core/wrangler.jsonc that fall due
 * then (scheduled links go live within 60 s locally too, issue 18); tests trigger a run at once.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseJsonc } from "jsonc-parser";

/** Runs Core's scheduled handler once, as Cloudflare would for `cron` at `time` (ms). */
export async function triggerCron(coreUrl: string, cron: string, time = Date.now()): Promise<void> {
	const url = new URL("/cdn-cgi/local/scheduled", coreUrl);
	url.searchParams.set("cron", cron);
	url.searchParams.set("time", String(time));
	const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
	if (!res.ok) throw new Error(`scheduled ${cron}: ${res.status} ${await res.text()}`);
}

/** Core's cron expressions as wrangler.jsonc declares them. */
export function coreCrons(root: string): string[] {
	const config = parseJsonc(readFileSync(join(root, "workers/core/wrangler.jsonc"), "utf8")) as {
		triggers?: { crons?: string[] };
	};
	return config.triggers?.crons ?? [];
}

/** Whether a five-field cron expression is due at the minute of `at` (UTC). Only the forms Core uses: `*`, `*\/n`, numbers. */
export function cronDue(expression: string, at: Date): boolean {
	const fields = expression.trim().split(/\s+/);
	const values = [
		at.getUTCMinutes(),
		at.getUTCHours(),
		at.getUTCDate(),
		at.getUTCMonth() + 1,
		at.getUTCDay(),
	];
	return (
		fields.length === 5 &&
		fields.every((field, i) => {
			const value = values[i] ?? -1;
			if (field === "*") return true;
			const step = /^\*\/(\d+)$/.exec(field);
			if (step) return value % Number(step[1]) === 0;
			return field.split(",").some((part) => Number(part) === value);
		})
	);
}

/**
 * Calls Core's scheduled handler at the start of every minute for each due expression, until
 * stopped. A failed run is reported and the ticker carries on (the next run catches up).
 */
export function startCronTicker(
	coreUrl: string,
	crons: string[],
	report: (message: string) => void,
): { stop(): void } {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;
	const tick = async () => {
		const at = new Date(Math.round(Date.now() / 60_000) * 60_000);
		for (const cron of crons.filter((c) => cronDue(c, at))) {
			await triggerCron(coreUrl, cron, at.getTime()).catch((error: unknown) =>
				report(`cron ${cron} failed: ${error instanceof Error ? error.message : String(error)}`),
			);
		}
		schedule();
	};
	const schedule = () => {
		if (stopped) return;
		// A second into the next minute: `time` is the minute itself, as Cloudflare reports it.
		timer = setTimeout(() => void tick(), 60_000 - (Date.now() % 60_000) + 1000);
	};
	schedule();
	return {
		stop() {
			stopped = true;
			clearTimeout(timer);
		},
	};
}
