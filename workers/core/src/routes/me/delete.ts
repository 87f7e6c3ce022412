/**
 * DELETE /api/v1/me — deletes the account after the password is confirmed: published content,
 * data and every session; an active subscription is cancelled first.
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
	// Cancel first: if Stripe is unreachable, nothing is deleted and the user can retry (503).
	const billingAccount = unwrap(await c.env.CUSTOMER.getBillingAccount(session.userId));
	if (billingAccount.stripeCustomerId) {
		unwrap(await c.env.BILLING.cancelSubscriptions(billingAccount.stripeCustomerId));
	}
	const deleted = unwrap(await c.env.CUSTOMER.deleteAccount(session.userId));
	await revokeAllSessions(c.env.SESSIONS, session.userId);
	clearSessionCookie(c);
	queueMail(c, "account_deleted", deleted.email, deleted.locale, {});
	return c.body(null, 204);
});
