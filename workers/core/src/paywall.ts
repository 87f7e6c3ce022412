/**
 * The paywall: what the signed-in account's plan allows, read from D1 through the Customer
 * Worker, and the 402 answers for gated actions.
 */
import { type Entitlements, entitlementsFor, type Plan } from "@smartpages/contracts";
import type { Context } from "hono";
import { ApiError, unwrap } from "./http/errors";
import type { AppEnv } from "./types";

export interface PlanContext {
	plan: Plan;
	entitlements: Entitlements;
}

export async function planOf(c: Context<AppEnv>, userId: string): Promise<PlanContext> {
	const plan = unwrap(await c.env.CUSTOMER.getPlan(userId));
	return { plan, entitlements: entitlementsFor(plan) };
}

/** 402 plan_required when the plan lacks a feature. */
export function requireFeature(
	ctx: PlanContext,
	feature: "versionHistory" | "removeBranding",
	message: string,
): void {
	if (!ctx.entitlements[feature]) {
		throw new ApiError("plan_required", message, {
			limit: { name: feature, max: 0, plan: ctx.plan.id },
		});
	}
}
