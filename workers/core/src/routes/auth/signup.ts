/**
 * POST /api/v1/auth/signup — creates an account, signs it in and mails a verification link.
 * An address that already has an account gets the same 201 shape, no session, and its owner a
 * "someone tried to sign up" mail instead: the body never reveals who is registered (its decoy
 * user has an id from the real generator). A new account replaces the caller's session, as a
 * login does: the previous one is destroyed.
 */
import { newId, type ResponseOf, signupBody, type User } from "@smartpages/contracts";
import { Hono } from "hono";
import { setSessionCookie } from "../../auth/cookie";
import { rememberNetwork } from "../../auth/login-guard";
import { hashPassword } from "../../auth/password";
import { limitAccount, limitIp } from "../../auth/rate-limit";
import { createSession, destroySession } from "../../auth/sessions";
import { parseJson } from "../../http/body";
import { queueMail } from "../../mail";
import type { AppEnv } from "../../types";

export const signup = new Hono<AppEnv>().post("/auth/signup", async (c) => {
	await limitIp(c, "signup");
	const body = await parseJson(c, signupBody);
	await limitAccount(c, "signup", body.email);
	const locale = body.locale ?? "en";
	// Hashing happens for every request, new address or not, so timing does not tell them apart.
	const passwordHash = await hashPassword(body.password);
	const attribution =
		body.attribution || body.plan
			? { ...body.attribution, ...(body.plan ? { plan: body.plan } : {}) }
			: undefined;
	const result = await c.env.CUSTOMER.createUser(c.var.rpc, {
		email: body.email,
		passwordHash,
		locale,
		attribution,
	});

	if (!result.created) {
		queueMail(c, "signup_attempt", body.email, result.locale, {});
		const decoy: User = {
			id: newId("usr"),
			email: body.email,
			emailVerified: false,
			locale,
			createdAt: new Date(c.get("now")).toISOString(),
		};
		return c.json({ user: decoy } satisfies ResponseOf<"POST /auth/signup">, 201);
	}

	const previous = c.get("session");
	if (previous) await destroySession(c.env.SESSIONS, previous);
	const { token } = await createSession(
		c.env.SESSIONS,
		result.user.id,
		c.req.header("User-Agent") ?? "",
		c.get("now"),
	);
	setSessionCookie(c, token);
	await rememberNetwork(c, body.email);
	const issued = await c.env.CUSTOMER.issueToken(c.var.rpc, result.user.id, "verify_email");
	if (issued.ok) queueMail(c, "verify_email", body.email, locale, { token: issued.value.token });
	return c.json({ user: result.user } satisfies ResponseOf<"POST /auth/signup">, 201);
});
