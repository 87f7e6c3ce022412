/**
 * POST /api/v1/me/email — starts a change of address: a confirmation link goes to the new
 * address; nothing changes until it is opened (verify-email). Always 202 once the password fits
 * (taken or free address alike), but only from a confirmed address (`403 email_not_verified`,
 * decided by the Customer Worker): otherwise throw-away accounts could mail anybody.
 */
import { changeEmailBody } from "@smartpages/contracts";
import { Hono } from "hono";
import { confirmPassword } from "../../auth/confirm";
import { limitAccount, limitIp } from "../../auth/rate-limit";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const changeEmail = new Hono<AppEnv>().post("/me/email", requireSession, async (c) => {
	const session = currentSession(c.get("session"));
	// Per client address too, before the body is read: one sender with many accounts is bounded.
	await limitIp(c, "email");
	const body = await parseJson(c, changeEmailBody);
	await limitAccount(c, "email", session.userId);
	await confirmPassword(c, session.userId, body.password, "password");
	const { token, user } = unwrap(
		await c.env.CUSTOMER.requestEmailChange(c.var.rpc, session.userId, body.newEmail),
	);
	if (token) {
		queueMail(c, "email_change_confirm", body.newEmail, user.locale, {
			token,
			newEmail: body.newEmail,
		});
	}
	return c.body(null, 202);
});
