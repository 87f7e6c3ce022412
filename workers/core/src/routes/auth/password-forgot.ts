/**
 * POST /api/v1/auth/password/forgot — always 202. The work (token, mail) happens after the
 * response for known addresses, so neither answer nor timing reveals whether one is registered.
 */
import { forgotPasswordBody } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import { Hono } from "hono";
import { limitAccount, limitIp } from "../../auth/rate-limit";
import { parseJson } from "../../http/body";
import { queueMail } from "../../mail";
import type { AppEnv } from "../../types";

export const passwordForgot = new Hono<AppEnv>().post("/auth/password/forgot", async (c) => {
	await limitIp(c, "forgot");
	const { email } = await parseJson(c, forgotPasswordBody);
	await limitAccount(c, "forgot", email);
	const customer = c.env.CUSTOMER;
	const work = async () => {
		const credentials = await customer.getLoginCredentials(email);
		if (!credentials) return;
		const issued = await customer.issueToken(credentials.userId, "password_reset");
		if (issued.ok) {
			queueMail(c, "password_reset", issued.value.user.email, issued.value.user.locale, {
				token: issued.value.token,
			});
		}
	};
	c.executionCtx.waitUntil(
		work().catch((error: unknown) => {
			writeLog("error", "password reset mail failed", {
				requestId: c.get("requestId"),
				error: String(error),
			});
		}),
	);
	return c.body(null, 202);
});
