/**
 * Plan limits at the moment a page goes live (issue 14 item 5): publishing and restoring ask the
 * plan stored in D1 now, not a cached copy, so pages a downgrade took offline cannot simply be
 * published again.
 *
 * What counts:
 * - pages: the account's published pages other than the one being published. A page may go
 *   live while fewer than `maxPages` others are (re-publishing a live page needs no new slot;
 *   on Free, unpublishing the live page frees the slot for another);
 * - links: the enabled links of the page being published (a disabled link is not on the page).
 *   Restore switches to a stored version and renders nothing, so it checks pages (and the
 *   `versionHistory` feature) only.
 *
 * The last step of a publish is one conditional UPDATE that repeats the checks against the plan
 * revision it checked, so neither a concurrent publish of another page nor a downgrade arriving
 * in between slips past. The same rules decide what a downgrade leaves online (`fitsPlan`).
 */
import {
	type Entitlements,
	entitlementsFor,
	fail,
	ok,
	type PlanId,
	type PlanStatus,
	type Result,
} from "@smartpages/contracts";
import type { PageRow } from "../pages/store";

export interface LimitCheck {
	/** Count the page's enabled links (publish renders them; restore does not). */
	links: boolean;
	/** A plan feature the operation needs. */
	requires?: "versionHistory";
}

/** What a check allowed, handed to the switch that must find the same plan. */
interface Allowance {
	planRevision: number;
	entitlements: Entitlements;
}

/** 402 unless the account's plan (D1, now) lets this page go live. */
export async function checkPublishLimits(
	db: D1Database,
	userId: string,
	pageId: string,
	check: LimitCheck,
): Promise<Result<Allowance>> {
	// One batch: the plan and both counts come from the same moment.
	const [users, live, links] = await db.batch([
		db.prepare("SELECT plan_id, plan_status, plan_revision FROM users WHERE id = ?").bind(userId),
		db
			.prepare(
				"SELECT COUNT(*) AS n FROM pages WHERE user_id = ? AND status = 'published' AND id <> ?",
			)
			.bind(userId, pageId),
		db
			.prepare("SELECT COUNT(*) AS n FROM links WHERE page_id = ? AND user_id = ? AND enabled = 1")
			.bind(pageId, userId),
	]);
	const user = users?.results[0] as
		| { plan_id: PlanId; plan_status: PlanStatus; plan_revision: number }
		| undefined;
	if (!user) return fail("not_found", "No such page.");
	const plan = user.plan_id;
	const entitlements = entitlementsFor({ id: plan, status: user.plan_status });
	if (check.requires && !entitlements[check.requires]) {
		return fail("plan_required", "Restoring earlier versions is part of SmartPages Pro.", {
			limit: { name: check.requires, max: 0, plan },
		});
	}
	const livePages = (live?.results[0] as { n: number } | undefined)?.n ?? 0;
	if (livePages >= entitlements.maxPages) {
		return fail(
			"plan_limit_reached",
			`Your plan allows ${entitlements.maxPages} published page(s). Unpublish another page first.`,
			{ limit: { name: "maxPages", max: entitlements.maxPages, plan } },
		);
	}
	const enabledLinks = (links?.results[0] as { n: number } | undefined)?.n ?? 0;
	if (check.links && enabledLinks > entitlements.maxLinksPerPage) {
		return fail(
			"plan_limit_reached",
			`Your plan allows ${entitlements.maxLinksPerPage} links per page. Disable or delete links before publishing.`,
			{ limit: { name: "maxLinksPerPage", max: entitlements.maxLinksPerPage, plan } },
		);
	}
	return ok({ planRevision: user.plan_revision, entitlements });
}

// A plan change between check and switch (a webhook) is rare; a few rounds settle it.
const SWITCH_ATTEMPTS = 3;

/**
 * Makes `version` the page's published version while the plan allows it: check, then one
 * conditional UPDATE that repeats the check against the same plan revision. When the UPDATE
 * finds the plan or the other pages changed, it checks again: a plan that still allows it is
 * retried, anything else answers why (402), and nothing is switched.
 */
export async function switchWithinPlan(
	db: D1Database,
	userId: string,
	pageId: string,
	target: { version: number; publishedRevision: number | null },
	check: LimitCheck,
): Promise<Result<PageRow>> {
	for (let attempt = 0; attempt < SWITCH_ATTEMPTS; attempt++) {
		const allowed = await checkPublishLimits(db, userId, pageId, check);
		if (!allowed.ok) return allowed;
		const { planRevision, entitlements } = allowed.value;
		const row = await db
			.prepare(
				`UPDATE pages SET status = 'published', published_version = ?, published_revision = ?,
				 suspended_version = NULL
				 WHERE id = ? AND user_id = ?
				 AND (SELECT plan_revision FROM users WHERE id = ?) = ?
				 AND (SELECT COUNT(*) FROM pages o WHERE o.user_id = ? AND o.status = 'published' AND o.id <> ?) < ?
				 AND (? = 0 OR (SELECT COUNT(*) FROM links l WHERE l.page_id = ? AND l.enabled = 1) <= ?)
				 RETURNING *`,
			)
			.bind(
				target.version,
				target.publishedRevision,
				pageId,
				userId,
				userId,
				planRevision,
				userId,
				pageId,
				entitlements.maxPages,
				check.links ? 1 : 0,
				pageId,
				entitlements.maxLinksPerPage,
			)
			.first<PageRow>();
		if (row) return ok(row);
		const exists = await db
			.prepare("SELECT 1 FROM pages WHERE id = ? AND user_id = ?")
			.bind(pageId, userId)
			.first();
		if (!exists) return fail("not_found", "No such page.");
	}
	return fail("conflict", "Your plan changed while publishing. Please try again.");
}

/** Enabled links per page of an account (pages without any are absent). */
export async function enabledLinkCounts(
	db: D1Database,
	userId: string,
): Promise<Map<string, number>> {
	const { results } = await db
		.prepare(
			"SELECT page_id, COUNT(*) AS n FROM links WHERE user_id = ? AND enabled = 1 GROUP BY page_id",
		)
		.bind(userId)
		.all<{ page_id: string; n: number }>();
	return new Map(results.map((r) => [r.page_id, r.n]));
}

/**
 * The pages a plan keeps online: the oldest `maxPages` among those whose enabled links fit the
 * plan (the same rules a publish is checked against).
 */
export function fitsPlan(
	pages: { id: string }[],
	links: Map<string, number>,
	entitlements: Entitlements,
): Set<string> {
	const fitting = pages.filter((p) => (links.get(p.id) ?? 0) <= entitlements.maxLinksPerPage);
	return new Set(fitting.slice(0, entitlements.maxPages).map((p) => p.id));
}
