/**
 * POST /api/v1/auth/password/forgot — always 202. Everything that depends on the address being
 * registered (the look-up, the token, the mail) starts only after the response, so a known and an
 * unknown address do the same work before the answer and neither its content nor its timing
 * tells them apart.
 */
import { forgotPasswordBody } from "@smartpages/contracts";
import { Hono } from "hono";
import { afterResponse } from "../../auth/after-response";
import { limitAccount, limitIp } from "../../auth/rate-limit";
import { parseJson } from "../../http/body";
import { queueMail } from "../../mail";
import type { AppEnv } from "../../types";

export const passwordForgot = new Hono<AppEnv>().post("/auth/password/forgot", async (c) => {
	await limitIp(c, "forgot");
	const { email } = await parseJson(c, forgotPasswordBody);
	await limitAccount(c, "forgot", email);
	const customer = c.env.CUSTOMER;
	const ctx = c.var.rpc;
	afterResponse(c, "password reset mail", async () => {
		const credentials = await customer.getLoginCredentials(ctx, email);
		if (!credentials.ok) return;
		const issued = await customer.issueToken(ctx, credentials.value.userId, "password_reset");
		if (issued.ok) {
			queueMail(c, "password_reset", issued.value.user.email, issued.value.user.locale, {
				token: issued.value.token,
			});
		}
	});
	return c.body(null, 202);
});
