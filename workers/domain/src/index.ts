/**
 * Domain Worker entry: public delivery of published pages and assets, the `/_l/{linkId}`
 * redirects of their links, and each site's robots.txt and sitemap (site-files.ts). Only GET and
 * HEAD; everything is resolved from R2 through two cache levels, the isolate's memory
 * (memory.ts, bounded by MEMORY_CACHE_MIB) and the Cache API, so a warm page view does no I/O, and
 * a repeat request for the same host and URL is answered from the answer remembered for it
 * (answers.ts: the hot path, one lookup while the mapping and manifest behind it are fresh).
 * The one thing it writes is anonymous counters to Analytics Engine (issue 17): a data point per
 * page view and per click, after the answer (stats.ts).
 * Views are logged at a sampled rate (VIEW_LOG_SAMPLE_RATE; Workers Logs' own per-invocation line
 * is off in wrangler.jsonc): one line per page view would be the bulk of all logs, and their cost.
 */

import { writeLog } from "@smartpages/contracts/log";
import { answerKey, knownAnswer, serveAnswer } from "./answers";
import { configureMemory } from "./memory";
import { type LinkTarget, requestHost, resolveRequest, siteLocale, type Target } from "./resolve";
import { linkRedirect, methodNotAllowed, notFound, respond } from "./respond";
import { siteFileResponse } from "./site-files";
import { count, describeVisitor } from "./stats";

export default {
	fetch(request, env, ctx) {
		if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed();
		// The hot path: a host and URL this isolate answered before, within the manifest TTL.
		const key = answerKey(request);
		const known = knownAnswer(key, Date.now());
		if (known) return viewed(request, env, ctx, known.target, serveAnswer(request, known));
		return serve(request, env, ctx, key);
	},
} satisfies ExportedHandler<DomainEnv>;

/** The full path: resolution and answer through the cache levels (resolve.ts, respond.ts). */
async function serve(
	request: Request,
	env: DomainEnv,
	ctx: ExecutionContext,
	key: string,
): Promise<Response> {
	const ttl = Number.parseInt(env.MANIFEST_CACHE_SECONDS, 10) || 0;
	configureMemory(env.MEMORY_CACHE_MIB);
	const resolved = await resolveRequest(request, env.PAGES, ctx, ttl);
	if (resolved?.kind === "link") return click(request, env, ctx, resolved);
	if (resolved?.kind === "site-file") return siteFileResponse(request, resolved);
	let target: Target | null = resolved;
	let response = target && (await respond(request, env.PAGES, ctx, target, key));
	if (target && !response) {
		// The object the manifest named is gone: a publish pruned that version after the manifest
		// was read (in flight, or while it sat in a cache). The current manifest, read once more
		// from R2 (and put in the caches in place of the stale one), names its replacement.
		const fresh = await resolveRequest(request, env.PAGES, ctx, ttl, true);
		target = fresh?.kind === "page" || fresh?.kind === "asset" ? fresh : null;
		response = target && (await respond(request, env.PAGES, ctx, target, key));
	}
	response ??= notFound(request, await siteLocale(request, env.PAGES, ctx, ttl));
	return viewed(request, env, ctx, target, response);
}

/** Counts the view (if it is one) and logs a sample of answers; returns the answer. */
function viewed(
	request: Request,
	env: DomainEnv,
	ctx: ExecutionContext,
	target: Target | null,
	response: Response,
): Response {
	if (target) countView(request, response, env, ctx, target);
	logView(request, response, target?.kind ?? "none", env.VIEW_LOG_SAMPLE_RATE);
	return response;
}

/**
 * The dataset, or null in a worker configured without one: the bench's "counting off" Domain
 * Worker (bench/README.md), which must do none of the counting work, not fail it on every request.
 * Every deployed environment binds it (tests/invariants/bindings.test.ts).
 */
function datasetOf(env: DomainEnv): AnalyticsEngineDataset | null {
	// The generated type says the binding is always there; a derived config can leave it out.
	const bound: AnalyticsEngineDataset | undefined = env.STATS;
	return bound ?? null;
}

/**
 * A view is a GET of a page answered 200 or 304; HEAD, assets, 404s and the generated legal pages
 * (nobody's content, issue 18.5) are not views.
 */
function countView(
	request: Request,
	response: Response,
	env: DomainEnv,
	ctx: ExecutionContext,
	target: Target,
): void {
	if (request.method !== "GET" || target.kind !== "page" || target.legal) return;
	if (response.status !== 200 && response.status !== 304) return;
	const stats = datasetOf(env);
	if (!stats) return;
	count(stats, ctx, {
		siteId: target.siteId,
		event: "view",
		pageId: target.pageId ?? "",
		linkId: "",
		...describeVisitor(request, target.host),
	});
}

/** `/_l/{linkId}`: the redirect, and one click point for a GET (a HEAD is nobody's click). */
function click(
	request: Request,
	env: DomainEnv,
	ctx: ExecutionContext,
	target: LinkTarget,
): Response {
	const stats = datasetOf(env);
	if (request.method === "GET" && stats) {
		count(stats, ctx, {
			siteId: target.siteId,
			event: "click",
			pageId: target.pageId,
			linkId: target.linkId,
			...describeVisitor(request, requestHost(request)),
		});
	}
	return linkRedirect(request, target.url);
}

/** One `view` line for a random `rate` share of the answers (0 = none, 1 = every view). */
function logView(request: Request, response: Response, kind: string, rateVar: string): void {
	const rate = sampleRate(rateVar);
	if (rate === 0 || Math.random() >= rate) return;
	writeLog("info", "view", {
		host: requestHost(request),
		path: new URL(request.url).pathname,
		status: response.status,
		kind,
		sampleRate: rate,
	});
}

// `VIEW_LOG_SAMPLE_RATE` as last parsed: the var is the same on every request of an isolate.
let rateText: string | undefined;
let rate = 0;

function sampleRate(text: string): number {
	if (text !== rateText) {
		rateText = text;
		rate = Math.min(1, Math.max(0, Number.parseFloat(text) || 0));
	}
	return rate;
}
