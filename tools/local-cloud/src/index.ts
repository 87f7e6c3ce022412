/**
 * Starts every local stand-in on the given ports (0 = any free port) and stops them together.
 */

import { startDns } from "./dns.ts";
import type { RunningServer } from "./http.ts";
import { startMail } from "./mail.ts";
import { statsQuery } from "./stats.ts";
import { startStatsStandIn } from "./stats-ingest.ts";
import type { StatsStore } from "./stats-store.ts";
import { startStripe } from "./stripe.ts";

export { startStats, statsQuery } from "./stats.ts";
export { parsePoint, startStatsStandIn } from "./stats-ingest.ts";
export type { StatsRow, StatsStore } from "./stats-store.ts";

export interface LocalCloudPorts {
	mail: number;
	stripe: number;
	dns: number;
	/** The statistics stand-in (Analytics Engine's SQL API and data points); any free one if absent. */
	stats?: number;
}

export interface LocalCloudOptions {
	/** SQLite file of the statistics stand-in; in memory when absent. */
	statsPath?: string;
	/** Where the Stripe stand-in delivers webhooks (Core's endpoint), and the signing secret. */
	stripeWebhookUrl?: string | null;
	stripeWebhookSecret?: string;
}

export interface LocalCloud {
	ports: Required<LocalCloudPorts>;
	/** The data points the statistics stand-in holds. */
	stats: StatsStore;
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
		const stats = await startStatsStandIn(ports.stats ?? 0, {
			path: options.statsPath,
			query: statsQuery,
		});
		servers.push(stats);
		return {
			ports: { mail: mail.port, stripe: stripe.port, dns: dns.port, stats: stats.port },
			stats: stats.store,
			stop: async () => {
				await Promise.all(servers.map((s) => s.close()));
			},
		};
	} catch (error) {
		await Promise.all(servers.map((s) => s.close()));
		throw error;
	}
}
