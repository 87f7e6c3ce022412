/**
 * Statistics (issue 17): `GET /stats` (the account or one page, per day in the account's time
 * zone) and `GET /stats/export` (CSV, Pro). Query parameters are checked before anything else
 * (400), then the range against the plan's `statsDays` (402), then the page's owner (404 through
 * the Customer Worker); only then is any statement built for Analytics Engine (./stats/read).
 */
import {
	type Entitlements,
	type ResponseOf,
	STATS_TIME_ZONE,
	statsExportQuery,
	statsQuery,
} from "@smartpages/contracts";
import { type Context, Hono } from "hono";
import { limitWrites } from "../../auth/rate-limit";
import { ApiError } from "../../http/errors";
import { parseQuery } from "../../http/query";
import { currentSession, requireSession } from "../../middleware/session";
import { type PlanContext, planOf } from "../../paywall";
import { addDays, dayCount, dayOf } from "../../stats/days";
import { readFacts, type StatsRange } from "../../stats/read";
import { buildCsv, buildReport } from "../../stats/report";
import type { AppEnv } from "../../types";

/** The longest range one request may ask for (about ten years), whatever the plan. */
const MAX_RANGE_DAYS = 3660;

/**
 * Refuses a range that is out of order, in the future or too long (400), or older than the plan
 * reaches (402 with the plan's limit). `today` is in the account's time zone.
 */
function checkRange(range: StatsRange, today: string, paywall: PlanContext): void {
	if (range.to < range.from) {
		throw new ApiError("validation_failed", "The range ends before it begins.", {
			fields: { to: "must not be before from" },
		});
	}
	if (range.to > today) {
		throw new ApiError("validation_failed", "The range ends in the future.", {
			fields: { to: "must not be after today" },
		});
	}
	if (dayCount(range.from, range.to) > MAX_RANGE_DAYS) {
		throw new ApiError("validation_failed", "The range is too long.", {
			fields: { from: `must be at most ${MAX_RANGE_DAYS} days before to` },
		});
	}
	const reach: Entitlements["statsDays"] = paywall.entitlements.statsDays;
	if (reach !== null && range.from < addDays(today, -(reach - 1))) {
		throw new ApiError(
			"plan_required",
			`Your plan shows statistics of the last ${reach} days. Upgrade to Pro for the whole history.`,
			{ limit: { name: "statsDays", max: reach, plan: paywall.plan.id } },
		);
	}
}

/** The signed-in account, today in its time zone, and its plan. */
async function caller(c: Context<AppEnv>) {
	const { userId } = currentSession(c.get("session"));
	return { userId, today: dayOf(c.var.now, STATS_TIME_ZONE), paywall: await planOf(c, userId) };
}

export const stats = new Hono<AppEnv>()
	.get("/stats", requireSession, async (c) => {
		const range = parseQuery(c, statsQuery);
		const { userId, today, paywall } = await caller(c);
		checkRange(range, today, paywall);
		const { facts, linkTitles } = await readFacts(c.env, c.var.rpc, userId, range, today);
		return c.json(
			buildReport(range.from, range.to, facts, linkTitles) satisfies ResponseOf<"GET /stats">,
		);
	})
	.get("/stats/export", requireSession, async (c) => {
		const range = parseQuery(c, statsExportQuery);
		const { userId, today, paywall } = await caller(c);
		if (!paywall.entitlements.statsExport) {
			throw new ApiError("plan_required", "Downloading statistics is part of Pro.", {
				limit: { name: "statsExport", max: 0, plan: paywall.plan.id },
			});
		}
		checkRange(range, today, paywall);
		await limitWrites(c, "export");
		const { facts } = await readFacts(c.env, c.var.rpc, userId, range, today);
		const csv: ResponseOf<"GET /stats/export"> = buildCsv(facts);
		return c.body(csv, 200, {
			"Content-Type": "text/csv; charset=utf-8",
			"Content-Disposition": `attachment; filename="smartpages-stats-${range.from}-${range.to}.csv"`,
			"Cache-Control": "no-store",
		});
	});
