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
 * The SQL lives in the stores of the tables it reads (users, pages, links); this module holds the
 * rules.
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
import { enabledLinksAtMost, enabledLinksStatement } from "../links/store";
import {
	findPage,
	otherLivePagesStatement,
	type PageRow,
	switchPublishedVersion,
} from "../pages/store";
import { planRevisionIs, planStatement } from "../users/store";

export interface LimitCheck {
	/** Count the page's enabled links (publish renders them; restore does not). */
	links: boolean;
	/** A plan feature the operation needs. */
	requires?: "versionHistory";
}

/** What the limits are checked against: the plan in D1 and the counts, from one moment. */
export interface PlanFacts {
	plan: { id: PlanId; status: PlanStatus };
	planRevision: number;
	/** Published pages of the account other than the one going live. */
	livePages: number;
	/** Enabled links of the page going live. */
	enabledLinks: number;
}

/** What a check allowed, handed to the switch that must find the same plan. */
interface Allowance {
	planRevision: number;
	entitlements: Entitlements;
}

/** Reads the plan and both counts in one batch (the same moment); null without the account. */
async function readPlanFacts(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<PlanFacts | null> {
	const [users, live, links] = await db.batch([
		planStatement(db, userId),
		otherLivePagesStatement(db, userId, pageId),
		enabledLinksStatement(db, userId, pageId),
	]);
	const user = users?.results[0] as
		| { plan_id: PlanId; plan_status: PlanStatus; plan_revision: number }
		| undefined;
	if (!user) return null;
	return {
		plan: { id: user.plan_id, status: user.plan_status },
		planRevision: user.plan_revision,
		livePages: (live?.results[0] as { n: number } | undefined)?.n ?? 0,
		enabledLinks: (links?.results[0] as { n: number } | undefined)?.n ?? 0,
	};
}

/** 402 unless the plan lets this page go live. */
export function checkPublishLimits(facts: PlanFacts, check: LimitCheck): Result<Allowance> {
	const plan = facts.plan.id;
	const entitlements = entitlementsFor(facts.plan);
	if (check.requires && !entitlements[check.requires]) {
		return fail("plan_required", "Restoring earlier versions is part of SmartPages Pro.", {
			limit: { name: check.requires, max: 0, plan },
		});
	}
	const livePages = facts.livePages;
	if (livePages >= entitlements.maxPages) {
		return fail(
			"plan_limit_reached",
			`Your plan allows ${entitlements.maxPages} published page(s). Unpublish another page first.`,
			{ limit: { name: "maxPages", max: entitlements.maxPages, plan } },
		);
	}
	const enabledLinks = facts.enabledLinks;
	if (check.links && enabledLinks > entitlements.maxLinksPerPage) {
		return fail(
			"plan_limit_reached",
			`Your plan allows ${entitlements.maxLinksPerPage} links per page. Disable or delete links before publishing.`,
			{ limit: { name: "maxLinksPerPage", max: entitlements.maxLinksPerPage, plan } },
		);
	}
	return ok({ planRevision: facts.planRevision, entitlements });
}

// A plan change between check and switch (a webhook) is rare; a few rounds settle it.
const SWITCH_ATTEMPTS = 3;

/**
 * Makes `version` the page's published version while the plan allows it: check, then one
 * conditional UPDATE that repeats the check against the same plan revision. When the UPDATE
 * finds the plan or the other pages changed, it checks again: a plan that still allows it is
 * retried, anything else answers why (402), and nothing is switched. `checked` are facts the
 * caller already read (and checked) for the first round.
 */
export async function switchWithinPlan(
	db: D1Database,
	userId: string,
	pageId: string,
	target: { version: number; publishedRevision: number | null },
	check: LimitCheck,
	checked?: PlanFacts,
): Promise<Result<PageRow>> {
	let facts = checked ?? null;
	for (let attempt = 0; attempt < SWITCH_ATTEMPTS; attempt++) {
		facts = attempt === 0 && facts ? facts : await readPlanFacts(db, userId, pageId);
		if (!facts) return fail("not_found", "No such page.");
		const allowed = checkPublishLimits(facts, check);
		if (!allowed.ok) return allowed;
		const { planRevision, entitlements } = allowed.value;
		const row = await switchPublishedVersion(db, userId, pageId, target, {
			planUnchanged: planRevisionIs(userId, planRevision),
			maxPages: entitlements.maxPages,
			linksFit: check.links ? enabledLinksAtMost(pageId, entitlements.maxLinksPerPage) : null,
		});
		if (row) return ok(row);
		if (!(await findPage(db, userId, pageId))) return fail("not_found", "No such page.");
		facts = null;
	}
	return fail("conflict", "Your plan changed while publishing. Please try again.");
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
