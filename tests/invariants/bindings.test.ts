/**
 * Architecture invariants 1 and 2, proven on the real deployment configs: each worker binds
 * exactly what the architecture table allows, internal workers have no public surface.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RESERVED_HANDLES, STATS_DATASET } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import {
	bindingViolations,
	ENVIRONMENTS,
	environmentGaps,
	INTERNAL,
	ROOT,
	readWranglerConfig,
	WORKERS,
} from "../support/binding-table.ts";

describe("binding table (architecture.md, 'Who may touch what')", () => {
	it.each(WORKERS)("%s binds exactly what the table allows", (worker) => {
		expect(bindingViolations(worker, readWranglerConfig(worker))).toEqual([]);
	});

	it.each(INTERNAL)("%s has workers_dev and preview_urls off and no routes", (worker) => {
		const config = readWranglerConfig(worker);
		expect(config.workers_dev).toBe(false);
		expect(config.preview_urls).toBe(false);
		expect(config.routes).toBeUndefined();
		expect(config.route).toBeUndefined();
	});

	it("every config has a $schema and the workers share one R2 bucket", () => {
		for (const worker of WORKERS) {
			expect(readWranglerConfig(worker).$schema).toBe(
				"../../node_modules/wrangler/config-schema.json",
			);
		}
		const bucket = (w: "customer" | "domain") =>
			(readWranglerConfig(w).r2_buckets as { bucket_name: string }[])[0]?.bucket_name;
		expect(bucket("domain")).toBe(bucket("customer"));
	});
});

describe("deployed environments (staging, production)", () => {
	type Block = Record<string, unknown>;
	const env = (worker: (typeof WORKERS)[number], name: string) =>
		(readWranglerConfig(worker).env as Record<string, Block>)[name] as Block;

	it.each(WORKERS)("%s repeats every binding, var and secret in each environment", (worker) => {
		expect(environmentGaps(worker, readWranglerConfig(worker))).toEqual([]);
	});

	it.each(INTERNAL.flatMap((w) => ENVIRONMENTS.map((e) => [w, e] as const)))(
		"%s env.%s has no public surface",
		(worker, name) => {
			const block = env(worker, name);
			expect(block.workers_dev).toBe(false);
			expect(block.preview_urls).toBe(false);
			expect(block.routes).toBeUndefined();
			expect(block.route).toBeUndefined();
		},
	);

	it.each(ENVIRONMENTS)("in %s, customer writes the bucket the domain worker reads", (name) => {
		const bucket = (w: "customer" | "domain") =>
			(env(w, name).r2_buckets as { bucket_name: string }[])[0]?.bucket_name;
		expect(bucket("customer")).toBe(`smartpages-pages-${name}`);
		expect(bucket("domain")).toBe(bucket("customer"));
	});

	it.each(ENVIRONMENTS)("#15.8 in %s, every R2 binding is in the EU jurisdiction", (name) => {
		// A bucket's jurisdiction is fixed when it is created; a binding without it would address
		// a bucket of the same name outside the EU (docs/deploy.md, step 1).
		const bindings = WORKERS.flatMap((worker) =>
			((env(worker, name).r2_buckets ?? []) as { binding: string; jurisdiction?: string }[]).map(
				(b) => ({ worker, binding: b.binding, jurisdiction: b.jurisdiction }),
			),
		);
		expect(bindings.map((b) => b.worker).sort()).toEqual(["customer", "domain"]);
		for (const b of bindings)
			expect(b, `${b.worker} ${b.binding}`).toMatchObject({ jurisdiction: "eu" });
	});

	it.each(ENVIRONMENTS)("in %s, Core is on the app's /api/* and its own host", (name) => {
		const routes = env("core", name).routes as { pattern: string; custom_domain?: boolean }[];
		const origin = new URL(String((env("core", name).vars as Block).APP_ORIGIN));
		expect(routes.map((r) => r.pattern)).toContain(`${origin.host}/api/*`);
		expect(routes.some((r) => r.custom_domain === true)).toBe(true);
		const domainRoutes = env("domain", name).routes as { pattern: string; zone_name: string }[];
		const pagesDomain = String((env("customer", name).vars as Block).PAGES_DOMAIN);
		expect(domainRoutes).toEqual([{ pattern: "*/*", zone_name: pagesDomain }]);
		// Tenant content on its own registrable domain: never the app's zone.
		expect(origin.host.endsWith(pagesDomain)).toBe(false);
	});

	it.each([undefined, ...ENVIRONMENTS])(
		"the custom-domain target of %s can never be a customer's subdomain",
		(name) => {
			const vars = (name ? env("customer", name) : readWranglerConfig("customer")).vars as Block;
			const target = String(vars.CUSTOM_DOMAIN_TARGET);
			const pagesDomain = String(vars.PAGES_DOMAIN);
			// The fallback origin lives in the pages zone; were its first label a free handle, a
			// customer could register it and their page would answer on the target's address.
			const label = target.split(".")[0] ?? "";
			expect(target.endsWith(`.${pagesDomain}`)).toBe(true);
			expect(RESERVED_HANDLES.has(label)).toBe(true);
		},
	);

	it.each(ENVIRONMENTS)("every %s origin var agrees with Core's APP_ORIGIN", (name) => {
		const appOrigin = (env("core", name).vars as Block).APP_ORIGIN;
		for (const worker of ["customer", "billing", "mailer"] as const) {
			expect((env(worker, name).vars as Block).APP_ORIGIN).toBe(appOrigin);
		}
	});
});

describe("#17.8 the Domain Worker's one Analytics Engine dataset", () => {
	type Block = Record<string, unknown>;
	const blocks = () => {
		const config = readWranglerConfig("domain");
		const envs = config.env as Record<string, Block>;
		return [
			["top level", config] as const,
			...ENVIRONMENTS.map((name) => [`env.${name}`, envs[name] ?? {}] as const),
		];
	};

	it("is bound as a real dataset, the one Core reads, in every environment", () => {
		for (const [scope, block] of blocks()) {
			expect(block.analytics_engine_datasets, scope).toEqual([
				{ binding: "STATS", dataset: STATS_DATASET },
			]);
			// The local stand-in is a swap made by tools/stack on a copy, never in a committed config.
			expect(block.services, scope).toBeUndefined();
		}
	});

	it("the worker's code has no local-only path: no stand-in address, no switch to one", () => {
		const dir = join(ROOT, "workers/domain/src");
		let fetches = 0;
		for (const file of readdirSync(dir)) {
			// The sitemap's XML namespace (site-files.ts) is a name, not an address anything goes to.
			const text = readFileSync(join(dir, file), "utf8").replaceAll(
				"http://www.sitemaps.org/schemas/sitemap/0.9",
				"",
			);
			for (const banned of ["12113", "localhost", "127.0.0.1", "http://", "env.STATS_"]) {
				expect(text.includes(banned), `${file} mentions ${banned}`).toBe(false);
			}
			fetches += text.match(/\bfetch\(/g)?.length ?? 0;
		}
		// The handler itself, and no outbound request anywhere.
		expect(fetches).toBe(1);
	});
});

describe("the checker catches departures from the table", () => {
	const mutations: [string, (typeof WORKERS)[number], (c: Record<string, unknown>) => void][] = [
		[
			"a service binding on domain",
			"domain",
			(c) => {
				c.services = [{ binding: "CUSTOMER", service: "smartpages-customer" }];
			},
		],
		[
			"KV on domain",
			"domain",
			(c) => {
				c.kv_namespaces = [{ binding: "X", id: "x" }];
			},
		],
		[
			"D1 on domain",
			"domain",
			(c) => {
				c.d1_databases = [{ binding: "DB", database_id: "x" }];
			},
		],
		[
			"a second Analytics Engine dataset on domain",
			"domain",
			(c) => {
				(c.analytics_engine_datasets as unknown[]).push({ binding: "MORE", dataset: "more" });
			},
		],
		[
			"another dataset under the same binding in production",
			"domain",
			(c) => {
				const production = (c.env as Record<string, Record<string, unknown>>).production;
				if (production) production.analytics_engine_datasets = [{ binding: "STATS", dataset: "x" }];
			},
		],
		[
			"a Queue on domain",
			"domain",
			(c) => {
				c.queues = { producers: [{ binding: "Q", queue: "q" }] };
			},
		],
		[
			"an Analytics Engine dataset on core",
			"core",
			(c) => {
				c.analytics_engine_datasets = [{ binding: "STATS", dataset: "smartpages_stats" }];
			},
		],
		[
			"a route on customer",
			"customer",
			(c) => {
				c.routes = [{ pattern: "customer.example.com/*" }];
			},
		],
		[
			"workers_dev on billing",
			"billing",
			(c) => {
				c.workers_dev = true;
			},
		],
		[
			"preview URLs on mailer",
			"mailer",
			(c) => {
				c.preview_urls = true;
			},
		],
		[
			"D1 on core",
			"core",
			(c) => {
				c.d1_databases = [{ binding: "DB", database_id: "x" }];
			},
		],
		[
			"R2 on billing",
			"billing",
			(c) => {
				c.r2_buckets = [{ binding: "B", bucket_name: "smartpages-pages" }];
			},
		],
		[
			"a fourth service on core",
			"core",
			(c) => {
				(c.services as unknown[]).push({ binding: "DOMAIN", service: "smartpages-domain" });
			},
		],
		[
			"production core bound to the staging customer",
			"core",
			(c) => {
				const production = (c.env as Record<string, Record<string, unknown>>).production;
				if (production) {
					production.services = [
						{
							binding: "CUSTOMER",
							service: "smartpages-customer-staging",
							entrypoint: "CustomerService",
						},
					];
				}
			},
		],
		[
			"workers_dev left to inheritance in a billing environment",
			"billing",
			(c) => {
				delete (c.env as Record<string, Record<string, unknown>>).staging?.workers_dev;
			},
		],
		[
			"a route in a customer environment",
			"customer",
			(c) => {
				c.env = { production: { routes: ["x.example.com/*"] } };
			},
		],
	];
	it.each(mutations)("%s is a violation", (_name, worker, mutate) => {
		const config = structuredClone(readWranglerConfig(worker));
		mutate(config);
		expect(bindingViolations(worker, config).length).toBeGreaterThan(0);
	});
});

describe("the environment checker catches a binding that was not repeated", () => {
	it.each(WORKERS.filter((w) => w !== "billing"))("%s without its bindings in production", (w) => {
		const config = structuredClone(readWranglerConfig(w));
		const production = (config.env as Record<string, Record<string, unknown>>).production ?? {};
		for (const key of ["kv_namespaces", "d1_databases", "r2_buckets", "services", "queues"]) {
			delete production[key];
		}
		expect(environmentGaps(w, config).length).toBeGreaterThan(0);
	});

	it("billing without its secrets or a var in staging", () => {
		const config = structuredClone(readWranglerConfig("billing"));
		const staging = (config.env as Record<string, Record<string, unknown>>).staging ?? {};
		delete staging.secrets;
		delete (staging.vars as Record<string, unknown>).APP_ORIGIN;
		expect(environmentGaps("billing", config)).toHaveLength(2);
	});
});
