/** POST /api/v1/auth/resend-verification — mails a fresh verification link (earlier ones die). */
import { Hono } from "hono";
import { limitAccount, limitIp } from "../../auth/rate-limit";
import { unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const resendVerification = new Hono<AppEnv>().post(
	"/auth/resend-verification",
	requireSession,
	async (c) => {
		const session = currentSession(c.get("session"));
		await limitIp(c, "resend");
		await limitAccount(c, "resend", session.userId);
		const account = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, session.userId));
		if (!account.user.emailVerified) {
			const { token } = unwrap(
				await c.env.CUSTOMER.issueToken(c.var.rpc, session.userId, "verify_email"),
			);
			queueMail(c, "verify_email", account.user.email, account.user.locale, { token });
		}
		return c.body(null, 202);
	},
);
