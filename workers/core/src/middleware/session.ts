/**
 * Resolves the session cookie to a session (or null) for every request, and the guards that
 * routes use: `requireSession` (401 unauthenticated) and `requireVerified` (403).
 */
import { createMiddleware } from "hono/factory";
import { readSessionCookie } from "../auth/cookie";
import { readSession, type Session } from "../auth/sessions";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../types";

export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
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
