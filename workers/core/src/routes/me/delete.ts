/**
 * DELETE /api/v1/me — deletes the account after the password is confirmed: published content,
 * data and every session. (Cancelling an active subscription joins with the billing issue.)
 */
import { deleteAccountBody } from "@smartpages/contracts";
import { Hono } from "hono";
import { confirmPassword } from "../../auth/confirm";
import { clearSessionCookie } from "../../auth/cookie";
import { revokeAllSessions } from "../../auth/sessions";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const deleteAccount = new Hono<AppEnv>().delete("/me", requireSession, async (c) => {
	const session = currentSession(c.get("session"));
	const { password } = await parseJson(c, deleteAccountBody);
	await confirmPassword(c, session.userId, password, "password");
	const deleted = unwrap(await c.env.CUSTOMER.deleteAccount(session.userId));
	await revokeAllSessions(c.env.SESSIONS, session.userId);
	clearSessionCookie(c);
	queueMail(c, "account_deleted", deleted.email, deleted.locale, {});
	return c.body(null, 204);
});
