/**
 * Reading an account's statistics for a range (issue 17): the rolled-up days from D1 (through the
 * Customer Worker, which also answers `not_found` for another account's page), the other days
 * from Analytics Engine, merged into one list of lines. A day is read from exactly one source,
 * so nothing is counted twice around a roll-up. Analytics Engine keeps about three months; days
 * older than that which were never rolled up have nothing to read and are not asked for.
 */

import { STATS_TIME_ZONE, type StatsFact } from "@smartpages/contracts";
import type { RpcContext } from "@smartpages/contracts/rpc-context";
import { unwrap } from "../http/errors";
import { analyticsFacts, type StatsEnv } from "./analytics";
import { addDays, daysFrom } from "./days";

/** Days back from today (included) that Analytics Engine still holds. */
export const ANALYTICS_DAYS = 92;

export interface StatsRange {
	from: string;
	to: string;
	pageId?: string;
}

export interface ReadStats {
	facts: StatsFact[];
	linkTitles: Map<string, string>;
}

/** The lines of [from, to] for `userId` (of one page when `pageId` is given). */
export async function readFacts(
	env: StatsEnv & Pick<CoreEnv, "CUSTOMER">,
	rpc: RpcContext,
	userId: string,
	range: StatsRange,
	today: string,
): Promise<ReadStats> {
	const stored = unwrap(await env.CUSTOMER.readStats(rpc, userId, range));
	const rolled = new Set(stored.rolledUpDays);
	const oldest = addDays(today, -(ANALYTICS_DAYS - 1));
	// Days are YYYY-MM-DD, so the later of two is the greater string.
	const start = [range.from, oldest].sort()[1] ?? range.from;
	const open = daysFrom(start, range.to).filter((day) => !rolled.has(day));
	const facts = [...stored.facts];
	const first = open[0];
	const last = open.at(-1);
	if (first !== undefined && last !== undefined) {
		// One statement over the span of the open days; lines of days rolled up meanwhile in
		// between are dropped, as D1 answered for those.
		const recent = await analyticsFacts(env, rpc.requestId, {
			sites: [userId],
			days: daysFrom(first, last),
			timeZone: STATS_TIME_ZONE,
			...(range.pageId !== undefined ? { pageId: range.pageId } : {}),
		});
		const wanted = new Set(open);
		for (const { siteId, ...fact } of recent) {
			if (siteId === userId && wanted.has(fact.date)) facts.push(fact);
		}
	}
	return {
		facts,
		linkTitles: new Map(stored.linkTitles.map((l) => [l.id, l.title])),
	};
}
