/**
 * Domain Worker entry: public delivery of published pages and assets.
 * Only GET and HEAD; everything is resolved from R2 (through the edge cache), nothing is written.
 * Views are logged at a sampled rate (VIEW_LOG_SAMPLE_RATE; Workers Logs' own per-invocation line
 * is off in wrangler.jsonc): one line per page view would be the bulk of all logs, and their cost.
 */

import { writeLog } from "@smartpages/contracts/log";
import { normaliseHost } from "@smartpages/contracts/r2";
import { resolveRequest } from "./resolve";
import { methodNotAllowed, notFound, respond } from "./respond";

export default {
	async fetch(request, env, ctx) {
		if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed();
		const ttl = Number.parseInt(env.MANIFEST_CACHE_SECONDS, 10) || 0;
		let target = await resolveRequest(request, env.PAGES, ctx, ttl);
		let response = target && (await respond(request, env.PAGES, ctx, target));
		if (target && !response) {
			// The object the manifest named is gone: a publish pruned that version after the manifest
			// was read (in flight, or while it sat in the edge cache). The current manifest, read once
			// more without the cache, names the version that replaced it.
			target = await resolveRequest(request, env.PAGES, ctx, 0);
			response = target && (await respond(request, env.PAGES, ctx, target));
		}
		response ??= notFound(request);
		logView(request, response, target?.kind ?? "none", env.VIEW_LOG_SAMPLE_RATE);
		return response;
	},
} satisfies ExportedHandler<DomainEnv>;

/** One `view` line for a random `rate` share of the answers (0 = none, 1 = every view). */
function logView(request: Request, response: Response, kind: string, rateVar: string): void {
	const rate = Math.min(1, Math.max(0, Number.parseFloat(rateVar) || 0));
	if (Math.random() >= rate) return;
	writeLog("info", "view", {
		host: normaliseHost(request.headers.get("Host") ?? new URL(request.url).host),
		path: new URL(request.url).pathname,
		status: response.status,
		kind,
		sampleRate: rate,
	});
}
