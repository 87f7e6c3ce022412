/** Domain Worker tests run inside workerd with real local R2 and the Cache API. */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { onConsoleLog } from "../../tools/testing/src/quiet-logs.ts";

export default defineConfig({
	plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })],
	// JSON log lines only with SMARTPAGES_LOG=1.
	test: { name: "domain", testTimeout: 30_000, hookTimeout: 60_000, onConsoleLog },
});
