/**
 * What the plan screen shows for a state, as data (issue 19, defects of the new-user pass):
 * no upgrade offer while a paid upgrade is being activated, no "Renews on" beside "Payment
 * overdue", the confirmation an upgrade needs said before the buttons instead of after a click;
 * and which pages a downgrade takes offline and why, with the same rule the Customer Worker
 * applies (workers/customer/src/billing/limits.ts `fitsPlan`).
 */
import type { Entitlements, Plan } from "@smartpages/contracts";
import { isPaidPro } from "./billing";

/** Where the return from Stripe Checkout stands (components/billing/CheckoutReturn.tsx). */
export type CheckoutPhase =
	| "none"
	| "activating"
	| "activated"
	| "slow"
	| "cancelled"
	| "incomplete"
	| "unknown";

export interface PlanView {
	/** The upgrade offer (Checkout buttons with prices). */
	upgradeOffer: boolean;
	/** The billing portal. */
	manage: boolean;
	/** "Renews on …" */
	renews: boolean;
	/** "Your Pro subscription ends on …" */
	endsOn: boolean;
	/** The overdue payment notice (unless a payment confirmation notice says it instead). */
	pastDue: boolean;
	/** The upgrade needs a confirmed address first: said at the top of the offer, buttons off. */
	confirmFirst: boolean;
}

export function planView(
	plan: Plan,
	state: { phase: CheckoutPhase; emailVerified: boolean; actionRequired: boolean },
): PlanView {
	const pro = isPaidPro(plan);
	// A payment went through and the webhook is on its way: offering to pay again would invite
	// a second subscription.
	const activating = state.phase === "activating" || state.phase === "slow";
	const pastDue = plan.id === "pro" && plan.status === "past_due";
	const dated = plan.id === "pro" && Boolean(plan.currentPeriodEnd) && plan.status !== "canceled";
	return {
		upgradeOffer: !pro && !activating && state.phase !== "activated",
		manage: pro,
		// An overdue subscription does not simply renew: the notice says what to do instead.
		renews: dated && !plan.cancelAtPeriodEnd && !pastDue,
		endsOn: dated && Boolean(plan.cancelAtPeriodEnd) && !pastDue,
		pastDue: pastDue && !state.actionRequired,
		confirmFirst: !pro && !state.emailVerified,
	};
}

/** A page as far as the plan limits are concerned. */
export interface PageLoad {
	id: string;
	title: string;
	published: boolean;
	/** Enabled items (links and headers), as the plan counts them. */
	enabledItems: number;
}

export interface PageImpact {
	id: string;
	title: string;
	published: boolean;
	/** `links`: more enabled items than the plan allows; `pages`: beyond the plan's page count. */
	reason: "links" | "pages";
	/** For `links`: how many items must be hidden or deleted to fit. */
	excess: number;
}

/**
 * The pages that cannot be online on a plan with `limits`, in the order the Customer Worker
 * decides it: among the pages whose enabled items fit, the oldest `maxPages` stay (pages come
 * oldest first, as GET /pages lists them).
 */
export function pagesOffline(pages: PageLoad[], limits: Entitlements): PageImpact[] {
	const out: PageImpact[] = [];
	let kept = 0;
	for (const page of pages) {
		const base = { id: page.id, title: page.title, published: page.published };
		if (page.enabledItems > limits.maxLinksPerPage) {
			out.push({ ...base, reason: "links", excess: page.enabledItems - limits.maxLinksPerPage });
		} else if (kept >= limits.maxPages) {
			out.push({ ...base, reason: "pages", excess: 0 });
		} else {
			kept += 1;
		}
	}
	return out;
}
