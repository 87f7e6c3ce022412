/**
 * Mailer Worker entry: the RPC surface Core calls through its service binding.
 * It has no HTTP surface; the default fetch handler answers 404 so nothing is reachable by URL.
 */
import { WorkerEntrypoint } from "cloudflare:workers";

export class MailerService extends WorkerEntrypoint<MailerEnv> {
	/** Liveness of this worker, used by Core's health check. */
	async ping(): Promise<{ service: "mailer"; ok: boolean }> {
		return { service: "mailer", ok: true };
	}
}

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<MailerEnv>;
