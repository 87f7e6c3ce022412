/**
 * PUT /api/v1/profile/avatar (raw image bytes, ≤ 2 MiB; PNG, JPEG, WebP or GIF decided by the
 * content) and DELETE /api/v1/profile/avatar.
 */
import { IMAGE_LIMIT, type Profile, sniffImage } from "@smartpages/contracts";
import { Hono } from "hono";
import { readLimited } from "../../http/body";
import { ApiError, unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export interface AvatarResponse {
	profile: Profile;
}

const DECLARED = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);
const UNSUPPORTED = "Upload a PNG, JPEG, WebP or GIF image.";

export const avatar = new Hono<AppEnv>()
	.put("/profile/avatar", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const declared = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
		if (!DECLARED.has(declared)) throw new ApiError("unsupported_media_type", UNSUPPORTED);
		const bytes = await readLimited(c.req.raw, IMAGE_LIMIT);
		if (!sniffImage(bytes)) throw new ApiError("unsupported_media_type", UNSUPPORTED);
		const profile = unwrap(await c.env.CUSTOMER.setAvatar(userId, bytes));
		return c.json({ profile } satisfies AvatarResponse);
	})
	.delete("/profile/avatar", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		unwrap(await c.env.CUSTOMER.removeAvatar(userId));
		return c.body(null, 204);
	});
