/**
 * POST /api/v1/me/password — changes the password after checking the current one; every other
 * session ends, this one stays.
 */
import { changePasswordBody } from "@smartpages/contracts";
import { Hono } from "hono";
import { confirmPassword } from "../../auth/confirm";
import { hashPassword } from "../../auth/password";
import { revokeAllSessions } from "../../auth/sessions";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const changePassword = new Hono<AppEnv>().post("/me/password", requireSession, async (c) => {
	const session = currentSession(c.get("session"));
	const body = await parseJson(c, changePasswordBody);
	await confirmPassword(c, session.userId, body.currentPassword, "currentPassword");
	await c.env.CUSTOMER.setPasswordHash(
		c.var.rpc,
		session.userId,
		await hashPassword(body.newPassword),
		true,
	);
	await revokeAllSessions(c.env.SESSIONS, session.userId, session.sid);
	const { user } = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, session.userId));
	queueMail(c, "password_changed", user.email, user.locale, {});
	return c.body(null, 204);
});
