#!/usr/bin/env node
/** Runs the stand-ins on their documented ports until interrupted. */
import { startLocalCloud } from "./index.ts";

const cloud = await startLocalCloud(
	{ mail: 8025, stripe: 12111, dns: 12112, stats: 12113 },
	{ stripeWebhookUrl: "http://localhost:8787/api/v1/webhooks/stripe" },
);
console.log("local-cloud: mail :8025, stripe :12111, dns :12112, stats :12113");
const stop = () => {
	void cloud.stop().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
