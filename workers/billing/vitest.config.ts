/** Billing tests run inside workerd with the worker's real configuration. */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
	plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })],
	test: { name: "billing", testTimeout: 30_000, hookTimeout: 60_000 },
});
