/**
 * PUT /api/v1/profile/avatar (raw image bytes, ≤ 2 MiB; PNG, JPEG, WebP or GIF decided by the
 * content, checked strictly: at most 4096 px a side, no broken files; bytes after the image's end
 * are dropped) and DELETE /api/v1/profile/avatar. Uploads need a verified address: the avatar is
 * served publicly on the account's subdomain (http/image-upload).
 */
import type { ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { unwrap } from "../../http/errors";
import { readImageUpload } from "../../http/image-upload";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const avatar = new Hono<AppEnv>()
	.put("/profile/avatar", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const image = await readImageUpload(c, userId);
		const profile = unwrap(await c.env.CUSTOMER.setAvatar(c.var.rpc, userId, image.bytes));
		return c.json({ profile } satisfies ResponseOf<"PUT /profile/avatar">);
	})
	.delete("/profile/avatar", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		unwrap(await c.env.CUSTOMER.removeAvatar(c.var.rpc, userId));
		return c.body(null, 204);
	});
