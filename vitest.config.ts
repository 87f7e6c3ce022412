/**
 * All test projects. Worker projects run inside workerd (their own vitest.config.ts);
 * "invariants" parses the deployment configs; "system" starts the whole stack once and drives it
 * over HTTP (integration) and in Chromium (e2e).
 */
import { defineConfig } from "vitest/config";
import { onConsoleLogOf } from "./tools/testing/src/quiet-logs.ts";

export default defineConfig({
	test: {
		// The security suite's figures (routes, inputs, faults) go into its printed summary.
		reporters: ["default", "./tests/support/security-reporter.ts"],
		// The workers' JSON log lines only with SMARTPAGES_LOG=1 (vitest asks the root config only;
		// each worker's own config says the same for runs inside its directory).
		onConsoleLog: onConsoleLogOf(["core", "customer", "billing", "mailer", "domain"]),
		projects: [
			"packages/contracts",
			"workers/core",
			"workers/customer",
			"workers/billing",
			"workers/mailer",
			"workers/domain",
			{
				// The dashboard's pure helpers; its screens are tested in Chromium (system project).
				test: {
					name: "web",
					include: ["apps/web/src/**/*.test.ts"],
					environment: "node",
				},
			},
			{
				test: {
					name: "invariants",
					testTimeout: 30_000,
					include: ["tests/invariants/**/*.test.ts", "tools/**/test/**/*.test.ts"],
					environment: "node",
				},
			},
			{
				test: {
					name: "system",
					include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
					environment: "node",
					globalSetup: ["tests/support/global-setup.ts"],
					// Harness guards only (a hung server must not hang CI); never a speed assertion.
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false,
				},
			},
		],
	},
});
