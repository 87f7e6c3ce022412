/**
 * Publishing a page: preview (the exact HTML that would be published), publish (verified
 * e-mail required; within the plan's page and link limits), unpublish, version history with a
 * preview of each version, and restore (plan feature `versionHistory`).
 */
import type { ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { limitWrites } from "../../auth/rate-limit";
import { unwrap } from "../../http/errors";
import { idFrom, versionFrom } from "../../http/params";
import { currentSession, requireSession } from "../../middleware/session";
import { planOf, requireFeature } from "../../paywall";
import type { AppEnv } from "../../types";

// The preview is tenant HTML shown on the app origin: sandboxed, so it can run nothing and
// reach nothing of the app even if a bug let markup through.
const PREVIEW_CSP =
	"sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; frame-ancestors 'self'";

export const publishing = new Hono<AppEnv>()
	.get("/pages/:id/preview", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const html = unwrap(await c.env.CUSTOMER.previewPage(c.var.rpc, userId, pageId));
		c.header("Content-Security-Policy", PREVIEW_CSP);
		c.header("X-Frame-Options", "SAMEORIGIN");
		return c.html(html);
	})
	.post("/pages/:id/publish", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		await limitWrites(c, "publish");
		// No plan is read here (issue 22.5): the Customer Worker reads the account once, with its
		// plan in D1, and decides from it the page and link limits (in the step that makes the
		// page live: `402 plan_limit_reached` with the limit, issue 14 item 5) and how many
		// versions to keep. It also refuses an account whose address is unconfirmed
		// (`email_not_verified`), from the same read.
		const result = unwrap(
			await c.env.CUSTOMER.publishPage(c.var.rpc, userId, pageId, { requireVerifiedEmail: true }),
		);
		return c.json(result satisfies ResponseOf<"POST /pages/:id/publish">);
	})
	.post("/pages/:id/unpublish", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		await limitWrites(c, "publish");
		const page = unwrap(
			await c.env.CUSTOMER.unpublishPage(c.var.rpc, userId, idFrom(c, "id", "page")),
		);
		return c.json({ page } satisfies ResponseOf<"POST /pages/:id/unpublish">);
	})
	.get("/pages/:id/versions", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const versions = unwrap(
			await c.env.CUSTOMER.listVersions(c.var.rpc, userId, idFrom(c, "id", "page")),
		);
		return c.json({ versions } satisfies ResponseOf<"GET /pages/:id/versions">);
	})
	.get("/pages/:id/versions/:version/preview", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const version = versionFrom(c);
		const html = unwrap(await c.env.CUSTOMER.previewVersion(c.var.rpc, userId, pageId, version));
		c.header("Content-Security-Policy", PREVIEW_CSP);
		c.header("X-Frame-Options", "SAMEORIGIN");
		return c.html(html);
	})
	.post("/pages/:id/versions/:version/restore", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const version = versionFrom(c);
		await limitWrites(c, "publish");
		const plan = await planOf(c, userId);
		requireFeature(plan, "versionHistory", "Restoring earlier versions is part of SmartPages Pro.");
		// Checked again by the Customer Worker against D1 (with the page limit) as it switches.
		const result = unwrap(await c.env.CUSTOMER.restoreVersion(c.var.rpc, userId, pageId, version));
		return c.json(result satisfies ResponseOf<"POST /pages/:id/versions/:version/restore">);
	});
