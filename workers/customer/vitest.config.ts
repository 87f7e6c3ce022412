/**
 * Customer tests run inside workerd with real local D1 and R2; the schema comes from the real
 * migration files, applied before every test file.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
	const migrations = await readD1Migrations(new URL("./migrations", import.meta.url).pathname);
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: "./wrangler.jsonc" },
				miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
			}),
		],
		test: { name: "customer", setupFiles: ["./test/apply-migrations.ts"] },
	};
});
