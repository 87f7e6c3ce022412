/**
 * The paywall: what the signed-in account's plan allows, read from D1 through the Customer
 * Worker and cached in KV for at most a minute (a webhook that changes the plan deletes the
 * cache entry), and the 402 answers for gated actions.
 */
import { type Entitlements, entitlementsFor, type Plan } from "@smartpages/contracts";
import type { Context } from "hono";
import { ApiError, unwrap } from "./http/errors";
import type { AppEnv } from "./types";

export interface PlanContext {
	plan: Plan;
	entitlements: Entitlements;
}

// KV's shortest expiration, and the longest a stale plan may be used.
const PLAN_CACHE_SECONDS = 60;
const planKey = (userId: string) => `plan:${userId}`;

export async function planOf(c: Context<AppEnv>, userId: string): Promise<PlanContext> {
	let plan = await c.env.SESSIONS.get<Plan>(planKey(userId), "json");
	if (!plan) {
		plan = unwrap(await c.env.CUSTOMER.getPlan(c.var.rpc, userId));
		await c.env.SESSIONS.put(planKey(userId), JSON.stringify(plan), {
			expirationTtl: PLAN_CACHE_SECONDS,
		});
	}
	return { plan, entitlements: entitlementsFor(plan) };
}

/**
 * Refreshes the cached plan when a fresh read from D1 (e.g. `GET /me`) shows it changed, so the
 * paywall agrees with what the dashboard just displayed even before a webhook's invalidation.
 */
export async function rememberPlan(kv: KVNamespace, userId: string, plan: Plan): Promise<void> {
	const cached = await kv.get<Plan>(planKey(userId), "json");
	if (cached && JSON.stringify(cached) !== JSON.stringify(plan)) {
		await kv.put(planKey(userId), JSON.stringify(plan), { expirationTtl: PLAN_CACHE_SECONDS });
	}
}

/** Drops the cached plan of an account (after a webhook changed it). */
export async function forgetPlan(kv: KVNamespace, userId: string): Promise<void> {
	await kv.delete(planKey(userId));
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
