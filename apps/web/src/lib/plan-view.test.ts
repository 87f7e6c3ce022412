/**
 * The plan screen's states (issue 19): each case below was a defect of the new-user pass — an
 * upgrade offer shown while Pro was activating, "Renews on" beside "Payment overdue", the
 * confirmation an upgrade needs only said below the buttons after a click, and a downgrade that
 * took pages offline without saying which or why.
 */
import { PLANS, type Plan } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { pagesOffline, planView } from "./plan-view";

const free: Plan = { id: "free", status: "none" };
const pro = (over: Partial<Plan> = {}): Plan => ({
	id: "pro",
	status: "active",
	currentPeriodEnd: "2027-01-03T00:00:00.000Z",
	cancelAtPeriodEnd: false,
	...over,
});
const state = { phase: "none" as const, emailVerified: true, actionRequired: false };

describe("plan view", () => {
	it("no upgrade offer while a paid upgrade is being activated", () => {
		expect(planView(free, state).upgradeOffer).toBe(true);
		for (const phase of ["activating", "slow", "activated"] as const) {
			expect(planView(free, { ...state, phase }).upgradeOffer, phase).toBe(false);
		}
		for (const phase of ["cancelled", "incomplete", "unknown"] as const) {
			expect(planView(free, { ...state, phase }).upgradeOffer, phase).toBe(true);
		}
	});

	it("no 'Renews on' beside 'Payment overdue'", () => {
		const overdue = planView(pro({ status: "past_due" }), state);
		expect(overdue).toMatchObject({ renews: false, endsOn: false, pastDue: true, manage: true });
		expect(planView(pro({ status: "past_due" }), { ...state, actionRequired: true }).pastDue).toBe(
			false,
		);
		expect(planView(pro(), state)).toMatchObject({ renews: true, endsOn: false, pastDue: false });
		expect(planView(pro({ cancelAtPeriodEnd: true }), state)).toMatchObject({
			renews: false,
			endsOn: true,
		});
	});

	it("an unconfirmed address is told before the upgrade buttons, not after a click", () => {
		expect(planView(free, { ...state, emailVerified: false }).confirmFirst).toBe(true);
		expect(planView(free, state).confirmFirst).toBe(false);
	});
});

describe("pages a downgrade takes offline", () => {
	const page = (id: string, enabledItems: number, published = true) => ({
		id,
		title: id,
		published,
		enabledItems,
	});

	it("names the page with more enabled links than Free allows, and by how many", () => {
		const impact = pagesOffline([page("home", 22), page("shop", 3)], PLANS.free);
		expect(impact).toEqual([
			{ id: "home", title: "home", published: true, reason: "links", excess: 7 },
		]);
	});

	it("keeps the oldest fitting page and names the rest as beyond the page limit", () => {
		const impact = pagesOffline([page("a", 2), page("b", 15), page("c", 1, false)], PLANS.free);
		expect(impact.map((i) => [i.id, i.reason])).toEqual([
			["b", "pages"],
			["c", "pages"],
		]);
		expect(pagesOffline([page("a", 2)], PLANS.free)).toEqual([]);
		expect(pagesOffline([page("a", 40), page("b", 30)], PLANS.pro)).toEqual([]);
	});
});
