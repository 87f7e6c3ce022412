/**
 * DELETE /api/v1/me — deletes the account after the password is confirmed: published content,
 * data and every session; every subscription of every Stripe customer of the account is
 * cancelled first, and open checkouts expired. The only mail is "account deleted": plan changes
 * from the moment the deletion starts send none.
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
	// Every customer the account ever had, not only the current one (issue 14 item 4). The
	// deletion is marked as started before: the webhooks of the subscriptions it cancels can
	// arrive while it runs, and must not send a "back on the free plan" mail (issue 15 item 4).
	const billingAccount = unwrap(
		await c.env.CUSTOMER.beginAccountDeletion(c.var.rpc, session.userId),
	);
	if (billingAccount.stripeCustomerIds.length > 0) {
		unwrap(await c.env.BILLING.cancelSubscriptions(c.var.rpc, billingAccount.stripeCustomerIds));
	}
	const deleted = unwrap(await c.env.CUSTOMER.deleteAccount(c.var.rpc, session.userId));
	await revokeAllSessions(c.env.SESSIONS, session.userId);
	clearSessionCookie(c);
	queueMail(c, "account_deleted", deleted.email, deleted.locale, {});
	return c.body(null, 204);
});
