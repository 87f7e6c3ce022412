/**
 * Starts every local stand-in on the given ports (0 = any free port) and stops them together.
 */

import { startDns } from "./dns.ts";
import type { RunningServer } from "./http.ts";
import { startMail } from "./mail.ts";
import { startStats } from "./stats.ts";
import { startStripe } from "./stripe.ts";

export interface LocalCloudPorts {
	mail: number;
	stripe: number;
	dns: number;
	/** Analytics Engine's SQL API and the data points (issue 17); not started when absent. */
	stats?: number;
}

export interface LocalCloudOptions {
	/** Where the Stripe stand-in delivers webhooks (Core's endpoint), and the signing secret. */
	stripeWebhookUrl?: string | null;
	stripeWebhookSecret?: string;
}

export interface LocalCloud {
	ports: LocalCloudPorts;
	stop(): Promise<void>;
}

export async function startLocalCloud(
	ports: LocalCloudPorts,
	options: LocalCloudOptions = {},
): Promise<LocalCloud> {
	const servers: RunningServer[] = [];
	try {
		const mail = await startMail(ports.mail);
		servers.push(mail);
		const stripe = await startStripe({
			port: ports.stripe,
			webhookUrl: options.stripeWebhookUrl ?? null,
			webhookSecret: options.stripeWebhookSecret ?? "whsec_local_development_only",
		});
		servers.push(stripe);
		const dns = await startDns(ports.dns);
		servers.push(dns);
		const stats = ports.stats === undefined ? null : await startStats(ports.stats);
		if (stats) servers.push(stats);
		return {
			ports: {
				mail: mail.port,
				stripe: stripe.port,
				dns: dns.port,
				...(stats ? { stats: stats.port } : {}),
			},
			stop: async () => {
				await Promise.all(servers.map((s) => s.close()));
			},
		};
	} catch (error) {
		await Promise.all(servers.map((s) => s.close()));
		throw error;
	}
}
