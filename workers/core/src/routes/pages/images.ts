/**
 * Images of a page's content (issue 18), with the avatar's upload rules (http/image-upload):
 * PUT/DELETE /api/v1/pages/:id/links/:linkId/thumbnail (≤ 256 KiB, ≤ 1024 px a side: it is shown
 * at 40 × 40) and PUT/DELETE /api/v1/pages/:id/background (≤ 2 MiB, ≤ 4096 px a side). Another
 * account's page or link is a 404 like an unknown one (the Customer Worker scopes by user id).
 */
import { checkThumbnail, type ResponseOf, THUMBNAIL_LIMIT } from "@smartpages/contracts";
import { Hono } from "hono";
import { unwrap } from "../../http/errors";
import { readImageUpload } from "../../http/image-upload";
import { idFrom } from "../../http/params";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const pageImages = new Hono<AppEnv>()
	.put("/pages/:id/links/:linkId/thumbnail", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const linkId = idFrom(c, "linkId", "link");
		const image = await readImageUpload(c, userId, {
			limit: THUMBNAIL_LIMIT,
			check: checkThumbnail,
		});
		const link = unwrap(
			await c.env.CUSTOMER.setLinkThumbnail(c.var.rpc, userId, pageId, linkId, image.bytes),
		);
		return c.json({ link } satisfies ResponseOf<"PUT /pages/:id/links/:linkId/thumbnail">);
	})
	.delete("/pages/:id/links/:linkId/thumbnail", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const linkId = idFrom(c, "linkId", "link");
		unwrap(await c.env.CUSTOMER.removeLinkThumbnail(c.var.rpc, userId, pageId, linkId));
		return c.body(null, 204);
	})
	.put("/pages/:id/background", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const image = await readImageUpload(c, userId);
		const page = unwrap(
			await c.env.CUSTOMER.setPageBackground(c.var.rpc, userId, pageId, image.bytes),
		);
		return c.json({ page } satisfies ResponseOf<"PUT /pages/:id/background">);
	})
	.delete("/pages/:id/background", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		unwrap(await c.env.CUSTOMER.removePageBackground(c.var.rpc, userId, idFrom(c, "id", "page")));
		return c.body(null, 204);
	});
