import type { TestProject } from "vitest/node";
import { startLocalCloud } from "../../../tools/local-cloud/src/index.ts";

export default async function setup(project: TestProject) {
	const cloud = await startLocalCloud({ mail: 0, stripe: 0, dns: 0 });
	project.provide("cloudPorts", cloud.ports);
	return () => cloud.stop();
}
