/**
 * Core tests run inside workerd with real local KV, and call the real Customer, Billing and
 * Mailer workers (built as for deployment) over their service bindings; those talk to the real
 * local stand-ins of Stripe, Resend, DNS and Cloudflare, and Core reads statistics from the real
 * Analytics Engine SQL API stand-in (all started by test/global-setup.ts). A
 * test-only D1 binding to the customer database lets tests apply migrations and inspect data.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { auxiliaryWorker } from "../../tools/testing/src/index.ts";
import { onConsoleLog } from "../../tools/testing/src/quiet-logs.ts";

export default defineConfig(async () => {
	const migrations = await readD1Migrations(
		new URL("../customer/migrations", import.meta.url).pathname,
	);
	return {
		plugins: [
			cloudflareTest(async ({ inject }) => {
				const cloud = inject<{ mail: number; stripe: number; dns: number; stats: number }>(
					"cloudPorts",
				);
				const local = (port: number) => `http://127.0.0.1:${port}`;
				const [customer, billing, mailer] = await Promise.all([
					auxiliaryWorker("customer", {
						DOH_URL: `${local(cloud.dns)}/dns-query`,
						CF_API_BASE: `${local(cloud.dns)}/client/v4`,
					}),
					auxiliaryWorker("billing", { STRIPE_API_BASE: local(cloud.stripe) }),
					auxiliaryWorker("mailer", { RESEND_API_BASE: local(cloud.mail) }),
				]);
				return {
					wrangler: { configPath: "./wrangler.jsonc" },
					miniflare: {
						bindings: {
							TEST_MIGRATIONS: migrations,
							TEST_CLOUD: cloud,
							STATS_API_BASE: `${local(cloud.stats)}/client/v4`,
						},
						d1Databases: { TEST_DB: "00000000-0000-4000-8000-000000000001" },
						r2Buckets: { TEST_PAGES: "smartpages-pages" },
						workers: [customer, billing, mailer],
					},
				};
			}),
		],
		test: {
			name: "core",
			// Harness guards only (a loaded CI machine is slow); never a speed assertion.
			testTimeout: 30_000,
			hookTimeout: 120_000,
			setupFiles: ["./test/setup.ts"],
			globalSetup: ["./test/global-setup.ts"],
			// JSON log lines only with SMARTPAGES_LOG=1 (the auxiliary workers' in global-setup.ts).
			onConsoleLog,
		},
	};
});
