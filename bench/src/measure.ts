/**
 * The measurements themselves, each against its baseline in the same run: delivery (Domain
 * Worker vs a constant-HTML worker vs nginx), the API gateway (authenticated GET /pages vs
 * GET /health) and publishing (POST publish until the Domain Worker serves the new version).
 * Targets are measured in interleaved rounds so that drift of the noisy machine hits each alike.
 */
import { ApiClient, getWithHost } from "../../tools/stack/src/index.ts";
import { type BenchPage, benchIp } from "./account.ts";
import { type LoadOptions, type LoadResult, load, median } from "./load.ts";

export interface Knobs {
	rounds: number;
	deliverySeconds: number;
	/**
	 * Rounds and seconds of the rows directly in workerd (and nginx): at thousands of answers a
	 * second, more and shorter rounds keep the machine's drift out of the ratios.
	 */
	directRounds: number;
	directSeconds: number;
	directWarmupSeconds: number;
	deliveryConnections: number;
	apiSeconds: number;
	apiConnections: number;
	warmupSeconds: number;
	publishRuns: number;
	loginRuns: number;
}

export interface Summary {
	rps: number;
	p50: number;
	p99: number;
	cpuMsPerRequest: number;
	rounds: LoadResult[];
}

function summarise(results: LoadResult[]): Summary {
	return {
		rps: median(results.map((r) => r.rps)),
		p50: median(results.map((r) => r.p50)),
		p99: median(results.map((r) => r.p99)),
		cpuMsPerRequest: median(results.map((r) => r.cpuMsPerRequest)),
		rounds: results,
	};
}

/**
 * The median over rounds of `pick(s) ÷ pick(base)` within the same round: the machine's drift
 * from one round to the next (on a shared host the same server's rate moves by half between
 * rounds) cancels, where a ratio of the two medians keeps it. Needs the same number of rounds.
 */
export function roundRatio(s: Summary, base: Summary, pick: (r: LoadResult) => number): number {
	if (s.rounds.length !== base.rounds.length) throw new Error("round counts differ");
	return median(s.rounds.map((r, i) => pick(r) / pick(base.rounds[i] ?? r)));
}

export type Target = Omit<LoadOptions, "seconds" | "warmupSeconds" | "connections">;

/**
 * Measures every target once per round; medians per target. `runner` runs one load (default: in
 * this process); `alternate` reverses the order every other round, so that no target always
 * follows the same neighbour (what a round before leaves behind, a warm or a busy CPU).
 */
export async function interleaved<K extends string>(
	targets: Record<K, Target>,
	rounds: number,
	seconds: number,
	connections: number,
	warmupSeconds: number,
	progress: (line: string) => void,
	options: { runner?: (o: LoadOptions) => Promise<LoadResult>; alternate?: boolean } = {},
): Promise<Record<K, Summary>> {
	const names = Object.keys(targets) as K[];
	const results = new Map<K, LoadResult[]>(names.map((n) => [n, []]));
	const runner = options.runner ?? load;
	for (let round = 1; round <= rounds; round++) {
		const order = options.alternate && round % 2 === 0 ? [...names].reverse() : names;
		for (const name of order) {
			const r = await runner({ ...targets[name], seconds, connections, warmupSeconds });
			results.get(name)?.push(r);
			progress(
				`  round ${round}/${rounds} ${name.padEnd(18)} ${r.rps.toFixed(0).padStart(6)} rps  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`,
			);
		}
	}
	return Object.fromEntries(names.map((n) => [n, summarise(results.get(n) ?? [])])) as Record<
		K,
		Summary
	>;
}

export interface PublishTimes {
	/** POST …/publish round trip, ms. */
	postMs: number;
	/** From sending POST until the Domain Worker served the new version, ms. */
	visibleMs: number;
	/** Latency of that first successful GET: nothing of the new version was cached yet. */
	firstHitMs: number;
}

/**
 * Publishes `page` `runs` times, each after a content change, and polls the Domain Worker on
 * `domainPort` (run with MANIFEST_CACHE_SECONDS=0, so the figure is the publish pipeline itself,
 * not the manifest TTL) until its ETag changes.
 */
export async function publishTimes(
	api: ApiClient,
	page: BenchPage,
	domainPort: number,
	runs: number,
): Promise<PublishTimes[]> {
	const times: PublishTimes[] = [];
	for (let i = 0; i < runs; i++) {
		const before = await getWithHost(page.url, domainPort);
		const previous = before.headers.get("etag");
		const patched = await api.call("PATCH /pages/:id", {
			params: { id: page.id },
			body: {
				description: `Everything we make, in one place (edition ${Date.now()}-${i}).`,
			},
		});
		if (patched.status !== 200) throw new Error(`page edit: ${patched.status} ${patched.text}`);
		const t0 = performance.now();
		const published = await api.call("POST /pages/:id/publish", { params: { id: page.id } });
		const postMs = performance.now() - t0;
		if (published.status !== 200) {
			throw new Error(`publish: ${published.status} ${published.text.slice(0, 300)}`);
		}
		for (;;) {
			const h0 = performance.now();
			const res = await getWithHost(page.url, domainPort);
			const h1 = performance.now();
			if (res.status === 200 && res.headers.get("etag") !== previous) {
				times.push({ postMs, visibleMs: h1 - t0, firstHitMs: h1 - h0 });
				break;
			}
			if (h1 - t0 > 30_000) throw new Error(`${page.url} did not change within 30 s of publishing`);
			await new Promise((r) => setTimeout(r, 2));
		}
	}
	return times;
}

export interface ApiFigures {
	health: Summary;
	pages: Summary;
	/** GET /stats over a year of the account's roll-ups. */
	stats: Summary;
	publishBig: PublishTimes[];
	publishHome: PublishTimes[];
}

/** One running stack as the API measurements see it. */
export interface Side {
	label: string;
	corePort: number;
	/** Process group of its Core wrangler process (for CPU time). */
	coreGroup: number;
	/** Its Domain Worker, run with MANIFEST_CACHE_SECONDS=0. */
	domainPort: number;
	api: ApiClient;
}

/**
 * Gateway load (authenticated GET /pages, GET /stats over `statsQuery` and GET /health) and
 * publishes of both pages on every side, interleaved: round by round for the load, publish by
 * publish for publishing.
 */
export async function measureApi<L extends string>(
	sides: (Side & { label: L })[],
	cookie: string,
	pages: { big: BenchPage; home: BenchPage },
	statsQuery: string,
	knobs: Knobs,
	progress: (line: string) => void,
): Promise<Record<L, ApiFigures>> {
	const targets: Record<string, Target> = {};
	for (const side of sides) {
		const base = `http://127.0.0.1:${side.corePort}/api/v1`;
		targets[`${side.label} health`] = {
			url: `${base}/health`,
			expectStatus: 200,
			cpuGroup: side.coreGroup,
		};
		targets[`${side.label} pages`] = {
			url: `${base}/pages`,
			headers: { Cookie: cookie },
			expectStatus: 200,
			cpuGroup: side.coreGroup,
		};
		targets[`${side.label} stats`] = {
			url: `${base}/stats?${statsQuery}`,
			headers: { Cookie: cookie },
			expectStatus: 200,
			cpuGroup: side.coreGroup,
		};
	}
	const gateway = await interleaved(
		targets,
		knobs.rounds,
		knobs.apiSeconds,
		knobs.apiConnections,
		knobs.warmupSeconds,
		progress,
	);
	const publishes = new Map<string, { big: PublishTimes[]; home: PublishTimes[] }>(
		sides.map((s) => [s.label, { big: [], home: [] }]),
	);
	for (let i = 0; i < knobs.publishRuns; i++) {
		for (const kind of ["big", "home"] as const) {
			for (const side of sides) {
				const times = await publishTimes(side.api, pages[kind], side.domainPort, 1);
				publishes.get(side.label)?.[kind].push(...times);
			}
		}
	}
	const out = {} as Record<L, ApiFigures>;
	for (const side of sides) {
		const p = publishes.get(side.label) ?? { big: [], home: [] };
		const health = gateway[`${side.label} health`];
		const list = gateway[`${side.label} pages`];
		const stats = gateway[`${side.label} stats`];
		if (!health || !list || !stats) throw new Error(`no gateway figures for ${side.label}`);
		out[side.label] = { health, pages: list, stats, publishBig: p.big, publishHome: p.home };
		const ms = (xs: PublishTimes[]) => median(xs.map((x) => x.visibleMs)).toFixed(0);
		progress(
			`  ${side.label}: publish → served: 100 links ${ms(p.big)} ms, 20 links ${ms(p.home)} ms`,
		);
	}
	return out;
}

/**
 * CPU of the runtime per login (one Argon2id verification plus D1, KV and the session), each
 * from its own client address so no rate limit is touched.
 */
export async function loginCpu(
	core: string,
	origin: string,
	email: string,
	password: string,
	runs: number,
	cpu: (work: () => Promise<number>) => Promise<number>,
): Promise<number> {
	const login = async () => {
		const client = new ApiClient({ core, origin, ip: benchIp() });
		const res = await client.call("POST /auth/login", { body: { email, password } });
		if (res.status !== 200) throw new Error(`login: ${res.status} ${res.text}`);
	};
	await login();
	return cpu(async () => {
		for (let i = 0; i < runs; i++) await login();
		return runs;
	});
}
