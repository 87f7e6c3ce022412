/**
 * The plans, defined once. Core's paywall, the web app and the renderer all read limits from here.
 */
export const PLAN_IDS = ["free", "pro"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

// The shapes the API returns (Plan, PlanStatus, Entitlements) are defined with the other
// resources (./api/resources).
import type { Entitlements, Plan } from "./api/resources";

export type { Entitlements, Plan, PlanStatus } from "./api/resources";

export const PLANS: Record<PlanId, Entitlements> = {
	free: {
		maxPages: 1,
		maxLinksPerPage: 15,
		maxCustomDomains: 0,
		removeBranding: false,
		versionHistory: false,
		maxRestorableVersions: 0,
		statsDays: 30,
		statsExport: false,
	},
	pro: {
		maxPages: 20,
		maxLinksPerPage: 250,
		maxCustomDomains: 3,
		removeBranding: true,
		versionHistory: true,
		maxRestorableVersions: 20,
		statsDays: null,
		statsExport: true,
	},
};

/** Entitlements of a plan; a pro subscription that is no longer paid falls back to free. */
export function entitlementsFor(plan: Plan): Entitlements {
	const paid = plan.status === "active" || plan.status === "trialing" || plan.status === "past_due";
	return plan.id === "pro" && paid ? PLANS.pro : PLANS.free;
}
