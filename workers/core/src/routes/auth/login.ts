/**
 * POST /api/v1/auth/login — checks the password and rotates the session: a new token every time,
 * the old session destroyed. Guessing is bounded per account before the check (auth/login-guard);
 * an unknown address takes the same steps, costs the same one hash and gets the same 401, and
 * what a failure changes on an existing account is written after the answer. With two-factor on,
 * the right password gives no session but a ticket for the second step (auth/login-mfa, issue 20).
 */
import { loginBody, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { afterResponse } from "../../auth/after-response";
import { admitLoginAttempt } from "../../auth/login-guard";
import { issueTicket } from "../../auth/mfa-ticket";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../../auth/password";
import { limitIp } from "../../auth/rate-limit";
import { startSession } from "../../auth/sign-in";
import { parseJson } from "../../http/body";
import { ApiError } from "../../http/errors";
import type { AppEnv } from "../../types";

const INVALID = "The e-mail address or the password is not correct.";

export const login = new Hono<AppEnv>().post("/auth/login", async (c) => {
	await limitIp(c, "login");
	const { email, password } = await parseJson(c, loginBody);
	const attempt = await admitLoginAttempt(c, email);
	const found = await c.env.CUSTOMER.getLoginCredentials(c.var.rpc, email);
	const credentials = found.ok ? found.value : null;
	const { valid, needsRehash } = credentials
		? await verifyPassword(password, credentials.passwordHash)
		: { valid: await verifyAgainstDummy(password), needsRehash: false };
	if (!credentials || !valid) {
		await attempt.failed();
		if (credentials) {
			const { userId } = credentials;
			afterResponse(c, "failed login record", () =>
				c.env.CUSTOMER.recordLoginResult(c.var.rpc, userId, false),
			);
		}
		throw new ApiError("invalid_credentials", INVALID);
	}
	await c.env.CUSTOMER.recordLoginResult(c.var.rpc, credentials.userId, true);
	if (needsRehash) {
		await c.env.CUSTOMER.setPasswordHash(
			c.var.rpc,
			credentials.userId,
			await hashPassword(password),
			false,
		);
	}

	if (credentials.totpEnabled) {
		// The network is remembered only once the second factor is given too (auth/login-mfa).
		const ticket = await issueTicket(c, credentials.userId);
		return c.json({ mfaRequired: true, ticket } satisfies ResponseOf<"POST /auth/login">);
	}
	await attempt.succeeded();
	const user = await startSession(c, credentials.userId);
	return c.json({ user } satisfies ResponseOf<"POST /auth/login">);
});
