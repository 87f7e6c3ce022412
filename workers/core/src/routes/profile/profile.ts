/**
 * GET /api/v1/profile and PATCH /api/v1/profile — the account's public profile.
 */
import { patchProfileBody, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const profile = new Hono<AppEnv>()
	.get("/profile", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		return c.json({
			profile: unwrap(await c.env.CUSTOMER.getProfile(c.var.rpc, userId)),
		} satisfies ResponseOf<"GET /profile">);
	})
	.patch("/profile", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const body = await parseJson(c, patchProfileBody);
		const updated = unwrap(await c.env.CUSTOMER.updateProfile(c.var.rpc, userId, body));
		return c.json({ profile: updated } satisfies ResponseOf<"PATCH /profile">);
	});
