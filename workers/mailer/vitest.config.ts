/**
 * Mailer tests run inside workerd against the real local Resend stand-in (started on a free
 * port by ./test/global-setup.ts), so delivery, retries and idempotency are exercised for real.
 */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { onConsoleLog } from "../../tools/testing/src/quiet-logs.ts";

export default defineConfig({
	plugins: [
		cloudflareTest(({ inject }) => ({
			wrangler: { configPath: "./wrangler.jsonc" },
			miniflare: {
				bindings: {
					RESEND_API_BASE: `http://127.0.0.1:${inject<number>("mailPort")}`,
					APP_ORIGIN: "https://app.smartpages.example",
				},
			},
		})),
	],
	test: {
		name: "mailer",
		testTimeout: 30_000,
		hookTimeout: 60_000,
		globalSetup: ["./test/global-setup.ts"],
		// JSON log lines only with SMARTPAGES_LOG=1.
		onConsoleLog,
	},
});
