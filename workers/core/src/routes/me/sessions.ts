/**
 * GET /api/v1/me/sessions and DELETE /api/v1/me/sessions/:id — the account's signed-in devices,
 * and signing one out. Another account's session id is simply not found.
 */
import type { ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { clearSessionCookie } from "../../auth/cookie";
import { listSessions, revokeSession } from "../../auth/sessions";
import { ApiError } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const sessions = new Hono<AppEnv>()
	.get("/me/sessions", requireSession, async (c) => {
		const current = currentSession(c.get("session"));
		const list = await listSessions(c.env.SESSIONS, current.userId);
		// The device asking is active now; its stored last-seen may be up to 5 minutes old.
		const now = Date.now();
		return c.json({
			sessions: list.map((s) => ({
				id: s.sid,
				createdAt: new Date(s.createdAt).toISOString(),
				lastSeenAt: new Date(
					s.sid === current.sid ? Math.max(s.lastSeenAt, now) : s.lastSeenAt,
				).toISOString(),
				userAgent: s.userAgent,
				current: s.sid === current.sid,
			})),
		} satisfies ResponseOf<"GET /me/sessions">);
	})
	.delete("/me/sessions/:id", requireSession, async (c) => {
		const current = currentSession(c.get("session"));
		const sid = c.req.param("id");
		const revoked = await revokeSession(c.env.SESSIONS, current.userId, sid);
		if (!revoked) throw new ApiError("not_found", "No such session.");
		if (sid === current.sid) clearSessionCookie(c);
		return c.body(null, 204);
	});
