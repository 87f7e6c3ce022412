/**
 * Architecture invariants 1 and 2, proven on the real deployment configs: each worker binds
 * exactly what the architecture table allows, internal workers have no public surface.
 */
import { describe, expect, it } from "vitest";
import {
	bindingViolations,
	INTERNAL,
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
