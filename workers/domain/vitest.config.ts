/** Domain Worker tests run inside workerd with real local R2 and the Cache API. */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
	plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })],
	test: { name: "domain", testTimeout: 30_000, hookTimeout: 60_000 },
});
