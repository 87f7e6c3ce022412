/**
 * POST /api/v1/auth/login/mfa — the login's second step (issue 20): the ticket from the password
 * step and a code from the authenticator app (each code once) or a recovery code (each once; its
 * use is mailed to the owner). Limited per client network and per account before any check, with
 * the account's growing delay after failed codes (auth/mfa-ticket). A wrong code, an unknown or
 * dead ticket → 401 invalid_credentials; the fifth wrong code ends the ticket.
 */
import { loginMfaBody, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { rememberNetwork } from "../../auth/login-guard";
import { admitSecondStep, consumeTicket, readTicket, recordFailure } from "../../auth/mfa-ticket";
import { limitAccount, limitIp } from "../../auth/rate-limit";
import { startSession } from "../../auth/sign-in";
import { parseJson } from "../../http/body";
import { ApiError } from "../../http/errors";
import { queueMail } from "../../mail";
import type { AppEnv } from "../../types";

const INVALID = "The code is not correct, or the sign-in took too long. Please try again.";

export const loginMfa = new Hono<AppEnv>().post("/auth/login/mfa", async (c) => {
	await limitIp(c, "mfa");
	const body = await parseJson(c, loginMfaBody);
	const ticket = await readTicket(c, body.ticket);
	if (!ticket) throw new ApiError("invalid_credentials", INVALID);
	await limitAccount(c, "mfa", ticket.userId);
	await admitSecondStep(c, ticket.userId);

	const customer = c.env.CUSTOMER;
	const ctx = c.var.rpc;
	let recoveryCodesLeft: number | null = null;
	if ("code" in body) {
		const checked = await customer.verifyTotp(ctx, ticket.userId, body.code);
		if (!checked.ok) {
			await recordFailure(c, ticket);
			throw new ApiError("invalid_credentials", INVALID);
		}
	} else {
		const used = await customer.useRecoveryCode(ctx, ticket.userId, body.recoveryCode);
		if (!used.ok) {
			await recordFailure(c, ticket);
			throw new ApiError("invalid_credentials", INVALID);
		}
		recoveryCodesLeft = used.value.remaining;
	}
	await consumeTicket(c, ticket);
	const user = await startSession(c, ticket.userId);
	await rememberNetwork(c, user.email);
	if (recoveryCodesLeft !== null) {
		queueMail(c, "recovery_code_used", user.email, user.locale, {
			remaining: recoveryCodesLeft,
		});
	}
	return c.json({ user } satisfies ResponseOf<"POST /auth/login/mfa">);
});
