/**
 * Billing Worker entry: the RPC surface Core calls through its service binding.
 * It has no HTTP surface; the default fetch handler answers 404 so nothing is reachable by URL.
 */
import { WorkerEntrypoint } from "cloudflare:workers";

export class BillingService extends WorkerEntrypoint<BillingEnv> {
	/** Liveness of this worker, used by Core's health check. */
	async ping(): Promise<{ service: "billing"; ok: boolean }> {
		return { service: "billing", ok: true };
	}
}

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<BillingEnv>;
