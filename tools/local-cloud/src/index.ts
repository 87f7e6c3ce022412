/**
 * Starts every local stand-in on the given ports (0 = any free port) and stops them together.
 */

import { startDns } from "./dns.ts";
import type { RunningServer } from "./http.ts";
import { startMail } from "./mail.ts";
import { startStripe } from "./stripe.ts";

export interface LocalCloudPorts {
	mail: number;
	stripe: number;
	dns: number;
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
		return {
			ports: { mail: mail.port, stripe: stripe.port, dns: dns.port },
			stop: async () => {
				await Promise.all(servers.map((s) => s.close()));
			},
		};
	} catch (error) {
		await Promise.all(servers.map((s) => s.close()));
		throw error;
	}
}
