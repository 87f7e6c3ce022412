/** GET /api/v1/me/export — everything stored about the account, as a downloadable JSON file. */
import { Hono } from "hono";
import { listSessions } from "../../auth/sessions";
import { unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const exportAccount = new Hono<AppEnv>().get("/me/export", requireSession, async (c) => {
	const session = currentSession(c.get("session"));
	const data = unwrap(await c.env.CUSTOMER.exportAccount(session.userId));
	const sessions = await listSessions(c.env.SESSIONS, session.userId);
	const body = {
		...(data as Record<string, unknown>),
		sessions: sessions.map((s) => ({
			id: s.sid,
			createdAt: new Date(s.createdAt).toISOString(),
			lastSeenAt: new Date(s.lastSeenAt).toISOString(),
			userAgent: s.userAgent,
		})),
	};
	c.header("Content-Disposition", 'attachment; filename="smartpages-export.json"');
	return c.json(body);
});
