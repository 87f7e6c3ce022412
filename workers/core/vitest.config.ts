/**
 * Core tests run inside workerd with real local KV, and call the real Customer, Billing and
 * Mailer workers (built as for deployment) over their service bindings. A test-only D1 binding
 * to the customer database lets tests apply migrations and inspect what was stored.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { auxiliaryWorker } from "../../tools/testing/src/index.ts";

export default defineConfig(async () => {
	const migrations = await readD1Migrations(
		new URL("../customer/migrations", import.meta.url).pathname,
	);
	const [customer, billing, mailer] = await Promise.all([
		auxiliaryWorker("customer"),
		auxiliaryWorker("billing"),
		auxiliaryWorker("mailer"),
	]);
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: "./wrangler.jsonc" },
				miniflare: {
					bindings: { TEST_MIGRATIONS: migrations },
					d1Databases: { TEST_DB: "00000000-0000-4000-8000-000000000001" },
					r2Buckets: { TEST_PAGES: "smartpages-pages" },
					workers: [customer, billing, mailer],
				},
			}),
		],
		test: { name: "core", setupFiles: ["./test/setup.ts"] },
	};
});
