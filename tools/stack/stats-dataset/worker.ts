/**
 * Local runs only (tools/stack): what the Domain Worker's `STATS` binding becomes in `npm run dev`
 * and the system tests. Miniflare's Analytics Engine binding drops every write, so the stack's
 * derived Domain Worker config replaces the dataset with a service binding to this worker, whose
 * `writeDataPoint` posts the point to the statistics stand-in's ingest route (local-cloud,
 * stats-ingest.ts). The Domain Worker's code is the same in both cases; the committed configs
 * keep the real dataset (tests/invariants/bindings.test.ts), and nothing deploys this worker.
 */
import { WorkerEntrypoint } from "cloudflare:workers";

interface Env {
	/** The stand-in's ingest URL: `http://127.0.0.1:{port}/_local/datasets/{dataset}/points`. */
	STATS_INGEST_URL: string;
}

export default class LocalStatsDataset extends WorkerEntrypoint<Env> {
	/** As Analytics Engine's binding, but awaitable: a refused point rejects, and the caller logs. */
	async writeDataPoint(point: AnalyticsEngineDataPoint): Promise<void> {
		const response = await fetch(this.env.STATS_INGEST_URL, {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify(point),
		});
		if (!response.ok) {
			throw new Error(`statistics stand-in: ${response.status} ${await response.text()}`);
		}
	}

	override async fetch(): Promise<Response> {
		return new Response("Not Found", { status: 404 });
	}
}
