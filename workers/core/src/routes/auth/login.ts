/**
 * POST /api/v1/auth/login — checks the password (an unknown address costs the same one hash and
 * gets the same 401), rotates the session: a new token every time, the old session destroyed.
 */
import { loginBody, type User } from "@smartpages/contracts";
import { Hono } from "hono";
import { setSessionCookie } from "../../auth/cookie";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../../auth/password";
import { failedLoginDelayMs, limitAccount, limitIp } from "../../auth/rate-limit";
import { createSession, destroySession } from "../../auth/sessions";
import { parseJson } from "../../http/body";
import { ApiError, unwrap } from "../../http/errors";
import type { AppEnv } from "../../types";

export interface LoginResponse {
	user: User;
}

const INVALID = "The e-mail address or the password is not correct.";

export const login = new Hono<AppEnv>().post("/auth/login", async (c) => {
	await limitIp(c, "login");
	const { email, password } = await parseJson(c, loginBody);
	await limitAccount(c, "login", email);
	const credentials = await c.env.CUSTOMER.getLoginCredentials(email);
	if (!credentials) {
		await verifyAgainstDummy(password);
		throw new ApiError("invalid_credentials", INVALID);
	}
	const delay = failedLoginDelayMs(credentials.failedLogins);
	if (delay > 0) await scheduler.wait(delay);
	const { valid, needsRehash } = await verifyPassword(password, credentials.passwordHash);
	await c.env.CUSTOMER.recordLoginResult(credentials.userId, valid);
	if (!valid) throw new ApiError("invalid_credentials", INVALID);
	if (needsRehash) {
		await c.env.CUSTOMER.setPasswordHash(credentials.userId, await hashPassword(password), false);
	}

	const previous = c.get("session");
	if (previous) await destroySession(c.env.SESSIONS, previous);
	const { token } = await createSession(
		c.env.SESSIONS,
		credentials.userId,
		c.req.header("User-Agent") ?? "",
		c.get("now"),
	);
	setSessionCookie(c, token);
	const account = unwrap(await c.env.CUSTOMER.getAccount(credentials.userId));
	return c.json({ user: account.user } satisfies LoginResponse);
});
