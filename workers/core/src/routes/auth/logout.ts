/** POST /api/v1/auth/logout — destroys the session and clears the cookie (idempotent). */
import { Hono } from "hono";
import { clearSessionCookie } from "../../auth/cookie";
import { destroySession } from "../../auth/sessions";
import type { AppEnv } from "../../types";

export const logout = new Hono<AppEnv>().post("/auth/logout", async (c) => {
	const session = c.get("session");
	if (session) await destroySession(c.env.SESSIONS, session);
	clearSessionCookie(c);
	return c.body(null, 204);
});
