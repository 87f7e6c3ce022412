/**
 * Resolves the session cookie to a session (or null) for every request, and the guards that
 * routes use: `requireSession` (401 unauthenticated) and `requireVerified` (403). A request with
 * an `Authorization: Bearer` token is an API client's (issue 21): the token, not the cookie,
 * decides who it is, and only on the routes tokens may call (../auth/api-tokens.ts).
 */
import { createMiddleware } from "hono/factory";
import { authenticateBearer, bearerOf, tokenSession } from "../auth/api-tokens";
import { readSessionCookie } from "../auth/cookie";
import { readSession, type Session } from "../auth/sessions";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../types";

export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
	c.set("apiToken", null);
	const bearer = bearerOf(c);
	if (bearer !== undefined) {
		const principal = await authenticateBearer(c, bearer);
		c.set("apiToken", principal);
		c.set("session", principal ? tokenSession(principal, c.get("now")) : null);
		return next();
	}
	const token = readSessionCookie(c);
	c.set("session", token ? await readSession(c.env.SESSIONS, token, c.get("now")) : null);
	await next();
});

export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
	if (!c.get("session")) throw new ApiError("unauthenticated", "Please log in.");
	await next();
});

/** The current session; only call after `requireSession`. */
export function currentSession(session: Session | null): Session {
	if (!session) throw new ApiError("unauthenticated", "Please log in.");
	return session;
}
