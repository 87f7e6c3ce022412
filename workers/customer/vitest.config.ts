/**
 * Customer tests run inside workerd with real local D1 and R2; the schema comes from the real
 * migration files, applied before every test file.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { onConsoleLog } from "../../tools/testing/src/quiet-logs.ts";

export default defineConfig(async () => {
	const migrations = await readD1Migrations(new URL("./migrations", import.meta.url).pathname);
	return {
		plugins: [
			cloudflareTest(({ inject }) => {
				// DNS-over-HTTPS and the Cloudflare API are the real local stand-ins (test/global-setup.ts).
				const dns = `http://127.0.0.1:${inject<number>("dnsPort")}`;
				return {
					wrangler: { configPath: "./wrangler.jsonc" },
					miniflare: {
						bindings: {
							TEST_MIGRATIONS: migrations,
							TEST_DNS: dns,
							DOH_URL: `${dns}/dns-query`,
							CF_API_BASE: `${dns}/client/v4`,
						},
					},
				};
			}),
		],
		test: {
			name: "customer",
			testTimeout: 30_000,
			hookTimeout: 60_000,
			setupFiles: ["./test/apply-migrations.ts"],
			globalSetup: ["./test/global-setup.ts"],
			// JSON log lines only with SMARTPAGES_LOG=1.
			onConsoleLog,
		},
	};
});
