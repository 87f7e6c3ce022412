/**
 * Calls the Domain Worker as the edge would, with a dataset that records (or refuses) the data
 * points it is given, and waits for everything the worker left in `ctx.waitUntil`: the statistics
 * tests see exactly what was appended for each request.
 */

import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";

export type Written = AnalyticsEngineDataPoint;
type Incoming = Parameters<typeof worker.fetch>[0];

export interface VisitOptions {
	method?: string;
	headers?: Record<string, string>;
	/** What Cloudflare would put on `request.cf` (country, verified-bot signals). */
	cf?: Record<string, unknown>;
	/**
	 * The dataset's behaviour: record the point, throw, or reject (as the local stand-in can), or
	 * "none": no binding at all (the bench's counting-off worker).
	 */
	dataset?: "record" | "throw" | "reject" | "none";
	/** Bindings and vars in place of the configured ones (a counting bucket, a smaller cache). */
	env?: Partial<typeof env>;
}

export interface Visit {
	response: Response;
	points: Written[];
}

export const BROWSER =
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
export const IPHONE =
	"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
export const IPAD =
	"Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1";
export const ANDROID_TABLET =
	"Mozilla/5.0 (Linux; Android 14; SM-X910) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
export const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/** One request to the worker; `url` is absolute, its host is the Host header. */
export async function visit(url: string, options: VisitOptions = {}): Promise<Visit> {
	const points: Written[] = [];
	const mode = options.dataset ?? "record";
	const STATS: AnalyticsEngineDataset = {
		writeDataPoint(point) {
			if (mode === "throw") throw new Error("dataset down");
			if (mode === "reject") return Promise.reject(new Error("stand-in down"));
			if (point) points.push(point);
		},
	};
	const { host } = new URL(url);
	// workerd keeps `cf` from the init and answers it as `request.cf`, as at the edge; the type
	// of an incoming request differs from an outgoing one's only in what `cf` holds.
	const request = new Request(url, {
		method: options.method ?? "GET",
		headers: { Host: host, "User-Agent": BROWSER, ...options.headers },
		redirect: "manual",
		cf: options.cf ?? {},
	}) as Incoming;
	const ctx = createExecutionContext();
	const { STATS: _bound, ...unbound } = env;
	// Cast: the generated env type always has the binding; a derived config can leave it out.
	const base = mode === "none" ? (unbound as typeof env) : { ...env, STATS };
	const workerEnv = { ...base, ...options.env };
	const response = await worker.fetch(request, workerEnv, ctx);
	await waitOnExecutionContext(ctx);
	return { response, points };
}
