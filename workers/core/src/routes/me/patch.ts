/** PATCH /api/v1/me — account settings (the language of the dashboard and of mails). */
import { patchMeBody, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const patchMe = new Hono<AppEnv>().patch("/me", requireSession, async (c) => {
	const session = currentSession(c.get("session"));
	const body = await parseJson(c, patchMeBody);
	const user = body.locale
		? unwrap(await c.env.CUSTOMER.setLocale(c.var.rpc, session.userId, body.locale))
		: unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, session.userId)).user;
	return c.json({ user } satisfies ResponseOf<"PATCH /me">);
});
