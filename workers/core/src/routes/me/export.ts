/** GET /api/v1/me/export — everything stored about the account, as a downloadable JSON file. */
import type { AccountExport, ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { limitWrites } from "../../auth/rate-limit";
import { listSessions } from "../../auth/sessions";
import { unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const exportAccount = new Hono<AppEnv>().get("/me/export", requireSession, async (c) => {
	const session = currentSession(c.get("session"));
	await limitWrites(c, "export");
	// The Customer Worker's document as the contract describes it (its RPC type says `unknown`).
	const data = unwrap(
		await c.env.CUSTOMER.exportAccount(c.var.rpc, session.userId),
	) as AccountExport;
	const sessions = await listSessions(c.env.SESSIONS, session.userId);
	const body = {
		...data,
		sessions: sessions.map((s) => ({
			id: s.sid,
			createdAt: new Date(s.createdAt).toISOString(),
			lastSeenAt: new Date(s.lastSeenAt).toISOString(),
			userAgent: s.userAgent,
		})),
	} satisfies ResponseOf<"GET /me/export">;
	c.header("Content-Disposition", 'attachment; filename="smartpages-export.json"');
	return c.json(body);
});
