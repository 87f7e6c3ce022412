/**
 * Customer Worker entry: wires the RPC surface Core calls through its service binding.
 * It has no HTTP surface; the default fetch handler answers 404 so nothing is reachable by URL.
 */
import { WorkerEntrypoint } from "cloudflare:workers";

export class CustomerService extends WorkerEntrypoint<CustomerEnv> {
	/** Liveness of this worker and its D1 database, used by Core's health check. */
	async ping(): Promise<{ service: "customer"; ok: boolean }> {
		const row = await this.env.DB.prepare("SELECT 1 AS one").first<{ one: number }>();
		return { service: "customer", ok: row?.one === 1 };
	}
}

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<CustomerEnv>;
