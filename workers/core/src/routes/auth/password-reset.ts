/**
 * POST /api/v1/auth/password/reset — sets a new password with a reset token (works once);
 * every session of the account ends, including any in this browser.
 */
import { resetPasswordBody } from "@smartpages/contracts";
import { Hono } from "hono";
import { clearSessionCookie } from "../../auth/cookie";
import { hashPassword } from "../../auth/password";
import { limitIp } from "../../auth/rate-limit";
import { revokeAllSessions } from "../../auth/sessions";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import type { AppEnv } from "../../types";

export const passwordReset = new Hono<AppEnv>().post("/auth/password/reset", async (c) => {
	await limitIp(c, "reset");
	const { token, password } = await parseJson(c, resetPasswordBody);
	const user = unwrap(
		await c.env.CUSTOMER.resetPassword(c.var.rpc, token, await hashPassword(password)),
	);
	await revokeAllSessions(c.env.SESSIONS, user.id);
	clearSessionCookie(c);
	queueMail(c, "password_changed", user.email, user.locale, {});
	return c.body(null, 204);
});
