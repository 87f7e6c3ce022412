/**
 * Statistics on the Customer Worker's side (issue 17): the daily roll-ups Core's cron writes from
 * Analytics Engine, and what Core reads of them for `GET /stats` and the export. Everything is
 * scoped by the user id Core passes; a page of another account is `not_found`, as everywhere.
 */
import { fail, ok, type Result, type StatsFact } from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { linkTitlesStatement } from "../links/store";
import { findPage } from "../pages/store";
import { listUserIdsWhere, userExists } from "../users/store";
import {
	dayNotRolledUp,
	factsOf,
	factsStatement,
	insertDay,
	rolledUpDaysOf,
	rolledUpDaysStatement,
} from "./store";

/** What Core merges with Analytics Engine's recent days. */
export interface StoredStats {
	/** Days of the range read from D1 (Analytics Engine is not asked about them). */
	rolledUpDays: string[];
	/** Their lines (of the page when one was asked for). */
	facts: StatsFact[];
	/** Titles of the account's current links, by id. */
	linkTitles: { id: string; title: string }[];
}

/** The roll-ups of [from, to]; `not_found` when `pageId` is not the account's. */
export async function readStats(
	db: D1Database,
	userId: string,
	range: { from: string; to: string; pageId?: string },
): Promise<Result<StoredStats>> {
	if (range.pageId !== undefined && !(await findPage(db, userId, range.pageId))) {
		return fail("not_found", "No such page.");
	}
	const [days, facts, titles] = await db.batch([
		rolledUpDaysStatement(db, userId, range.from, range.to),
		factsStatement(db, userId, range.from, range.to, range.pageId),
		linkTitlesStatement(db, userId),
	]);
	return ok({
		rolledUpDays: rolledUpDaysOf(days),
		facts: factsOf(facts),
		linkTitles: (titles?.results ?? []) as { id: string; title: string }[],
	});
}

/** A finished day and the instant it ended (accounts created later have nothing to roll up). */
export interface StatsDay {
	day: string;
	endsAt: string;
}

/**
 * Up to `limit` accounts and days still to roll up, days in the given order, accounts in id
 * order. Cannot fail (throws only on outage).
 */
export async function rollupsDue(
	db: D1Database,
	days: StatsDay[],
	limit: number,
): Promise<{ userId: string; day: string }[]> {
	const due: { userId: string; day: string }[] = [];
	for (const { day, endsAt } of days) {
		if (due.length >= limit) break;
		const ids = await listUserIdsWhere(db, endsAt, dayNotRolledUp(day), "", limit - due.length);
		for (const userId of ids) due.push({ userId, day });
	}
	return due;
}

/**
 * Stores one day of one account unless it is stored already (then nothing changes): `written`
 * says which. The lines must be of that day.
 */
export async function storeDay(
	db: D1Database,
	userId: string,
	day: string,
	facts: StatsFact[],
): Promise<Result<{ written: boolean }>> {
	if (facts.some((f) => f.date !== day)) {
		return fail("validation_failed", "Every line must be of the day stored.");
	}
	return ok({ written: await insertDay(db, userId, day, facts, userExists(userId), nowIso()) });
}
