/**
 * The statistics stand-in as Core's tests drive it (tools/local-cloud/src/stats.ts): data points
 * seeded as the Domain Worker would have written them (`toDataPoint` layout, explicit times), and
 * the SQL statements Core sent to its Analytics Engine SQL API.
 */
import { env } from "cloudflare:workers";
import { STATS_TIME_ZONE, type StatsPoint } from "@smartpages/contracts";
import { addDays, dayOf, dayStart } from "../../src/stats/days";

const statsBase = () => `http://127.0.0.1:${env.TEST_CLOUD.stats}`;

/** A counted event of `siteId` at `at` (ms); the rest defaults to a desktop view from Germany. */
export function point(siteId: string, at: number, fields: Partial<StatsPoint> = {}) {
	return {
		timestamp: new Date(at).toISOString(),
		point: {
			siteId,
			event: "view",
			pageId: "",
			linkId: "",
			referrerHost: "",
			country: "DE",
			device: "desktop",
			bot: false,
			...fields,
		} satisfies StatsPoint,
	};
}

/** Stores data points in the stand-in, as if the Domain Worker had written them. */
export async function seed(points: ReturnType<typeof point>[]): Promise<void> {
	const res = await fetch(`${statsBase()}/_dev/stats/points`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({ points }),
	});
	if (!res.ok) throw new Error(`seeding statistics: ${res.status} ${await res.text()}`);
}

/** Every statement the stand-in received so far (the newest 1000), oldest first. */
export async function receivedQueries(): Promise<string[]> {
	const res = await fetch(`${statsBase()}/_dev/stats/queries`);
	return ((await res.json()) as { queries: string[] }).queries;
}

/** Today, and `n` days before today, where statistics count days. */
export function today(): string {
	return dayOf(Date.now(), STATS_TIME_ZONE);
}
export function daysAgo(n: number): string {
	return addDays(today(), -n);
}

/** An instant `hours` after the start of `day` in the statistics time zone. */
export function at(day: string, hours = 12): number {
	return dayStart(day, STATS_TIME_ZONE) + hours * 3_600_000;
}
