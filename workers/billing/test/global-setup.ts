import type { TestProject } from "vitest/node";
import { startStripe } from "../../../tools/local-cloud/src/stripe.ts";

/** The Stripe stand-in for the billing tests (no webhook delivery: tests post events themselves). */
export default async function setup(project: TestProject) {
	const stripe = await startStripe({
		port: 0,
		webhookUrl: null,
		webhookSecret: "whsec_local_development_only",
	});
	project.provide("stripePort", stripe.port);
	return () => stripe.close();
}
