/**
 * POST /api/v1/auth/verify-email — confirms an address with the token from a mail: the sign-up
 * address (then a welcome mail follows) or a new address after a change (the old one is told).
 */
import { type ResponseOf, verifyEmailBody } from "@smartpages/contracts";
import { Hono } from "hono";
import { limitIp } from "../../auth/rate-limit";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import type { AppEnv } from "../../types";

export const verifyEmail = new Hono<AppEnv>().post("/auth/verify-email", async (c) => {
	await limitIp(c, "verify");
	const { token } = await parseJson(c, verifyEmailBody);
	const verified = unwrap(await c.env.CUSTOMER.verifyEmail(c.var.rpc, token));
	const { user } = verified;
	if (verified.previousEmail) {
		queueMail(c, "email_change_notice", verified.previousEmail, user.locale, {
			newEmail: user.email,
		});
	} else if (verified.firstVerification) {
		queueMail(c, "welcome", user.email, user.locale, {});
	}
	// "checkout" when the account signed up for Pro: the app continues straight into Checkout.
	const body: ResponseOf<"POST /auth/verify-email"> = {
		user,
		...(verified.signupPlan === "pro" ? { nextStep: "checkout" } : {}),
	};
	return c.json(body);
});
