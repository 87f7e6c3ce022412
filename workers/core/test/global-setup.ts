/**
 * Starts the local stand-ins of Resend, Stripe and DNS/Cloudflare on free ports for the whole
 * run (their ports reach the test config through `provide`), and keeps the auxiliary workers'
 * JSON log lines out of the output.
 */
import type { TestProject } from "vitest/node";
import { startLocalCloud } from "../../../tools/local-cloud/src/index.ts";
import { quietAuxiliaryWorkers } from "../../../tools/testing/src/quiet-logs.ts";

export default async function setup(project: TestProject) {
	const cloud = await startLocalCloud({ mail: 0, stripe: 0, dns: 0 });
	project.provide("cloudPorts", cloud.ports);
	// The Customer, Billing and Mailer workers log straight to this process's output.
	const restoreOutput = quietAuxiliaryWorkers();
	return async () => {
		restoreOutput();
		await cloud.stop();
	};
}
