/**
 * Billing tests run inside workerd with the worker's real configuration, talking to the real
 * local Stripe stand-in (started by test/global-setup.ts) instead of Stripe.
 */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { onConsoleLog } from "../../tools/testing/src/quiet-logs.ts";

export default defineConfig({
	plugins: [
		cloudflareTest(({ inject }) => {
			const stripe = `http://127.0.0.1:${inject<number>("stripePort")}`;
			return {
				wrangler: { configPath: "./wrangler.jsonc" },
				miniflare: { bindings: { STRIPE_API_BASE: stripe, TEST_STRIPE: stripe } },
			};
		}),
	],
	test: {
		name: "billing",
		testTimeout: 30_000,
		hookTimeout: 60_000,
		globalSetup: ["./test/global-setup.ts"],
		// JSON log lines only with SMARTPAGES_LOG=1.
		onConsoleLog,
	},
});
