/** GET /api/v1/me — the signed-in account: user, profile, plan and what the plan allows. */
import { entitlementsFor, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import { rememberPlan } from "../../paywall";
import type { AppEnv } from "../../types";

export const getMe = new Hono<AppEnv>().get("/me", requireSession, async (c) => {
	const session = currentSession(c.get("session"));
	const account = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, session.userId));
	await rememberPlan(c.env.SESSIONS, session.userId, account.plan);
	return c.json({
		user: account.user,
		profile: account.profile,
		plan: account.plan,
		entitlements: entitlementsFor(account.plan),
	} satisfies ResponseOf<"GET /me">);
});
