/**
 * Starts the local stand-ins of Resend, Stripe, DNS/Cloudflare and statistics (Analytics
 * Engine's SQL API) on free ports for the whole
 * run (their ports reach the test config through `provide`), and keeps the auxiliary workers'
 * JSON log lines out of the output.
 */
import type { TestProject } from "vitest/node";
import { startLocalCloud } from "../../../tools/local-cloud/src/index.ts";
import { quietAuxiliaryWorkers } from "../../../tools/testing/src/quiet-logs.ts";

export default async function setup(project: TestProject) {
	const cloud = await startLocalCloud({ mail: 0, stripe: 0, dns: 0, stats: 0 });
	const { stats } = cloud.ports;
	if (stats === undefined) throw new Error("the statistics stand-in did not start");
	project.provide("cloudPorts", { ...cloud.ports, stats });
	// The Customer, Billing and Mailer workers log straight to this process's output.
	const restoreOutput = quietAuxiliaryWorkers();
	return async () => {
		restoreOutput();
		await cloud.stop();
	};
}
