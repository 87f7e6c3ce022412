/** GET /api/v1/me — the signed-in account: user, profile, plan and what the plan allows. */
import {
	type Entitlements,
	entitlementsFor,
	type Plan,
	type Profile,
	type User,
} from "@smartpages/contracts";
import { Hono } from "hono";
import { unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import { rememberPlan } from "../../paywall";
import type { AppEnv } from "../../types";

export interface MeResponse {
	user: User;
	profile: Profile;
	plan: Plan;
	entitlements: Omit<Entitlements, "maxRestorableVersions"> & { maxRestorableVersions: number };
}

export const getMe = new Hono<AppEnv>().get("/me", requireSession, async (c) => {
	const session = currentSession(c.get("session"));
	const account = unwrap(await c.env.CUSTOMER.getAccount(session.userId));
	await rememberPlan(c.env.SESSIONS, session.userId, account.plan);
	const body: MeResponse = { ...account, entitlements: entitlementsFor(account.plan) };
	return c.json(body);
});
