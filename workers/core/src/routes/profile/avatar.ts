/**
 * PUT /api/v1/profile/avatar (raw image bytes, ≤ 2 MiB; PNG, JPEG, WebP or GIF decided by the
 * content, checked strictly: at most 4096 px a side, no broken files; bytes after the image's end
 * are dropped) and DELETE /api/v1/profile/avatar. Uploads need a verified address: the avatar is
 * served publicly on the account's subdomain.
 */
import { checkImage, IMAGE_LIMIT, type ResponseOf, UNSUPPORTED_IMAGE } from "@smartpages/contracts";
import { Hono } from "hono";
import { limitWrites } from "../../auth/rate-limit";
import { readLimited } from "../../http/body";
import { ApiError, unwrap } from "../../http/errors";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

const DECLARED = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

export const avatar = new Hono<AppEnv>()
	.put("/profile/avatar", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const account = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, userId));
		if (!account.user.emailVerified) {
			throw new ApiError(
				"email_not_verified",
				"Please confirm your e-mail address before uploading a picture.",
			);
		}
		const declared = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
		if (!DECLARED.has(declared)) throw new ApiError("unsupported_media_type", UNSUPPORTED_IMAGE);
		// Checked here and again by the Customer Worker, which stores only the checked bytes.
		const image = unwrap(checkImage(await readLimited(c.req.raw, IMAGE_LIMIT)));
		await limitWrites(c, "upload");
		const profile = unwrap(await c.env.CUSTOMER.setAvatar(c.var.rpc, userId, image.bytes));
		return c.json({ profile } satisfies ResponseOf<"PUT /profile/avatar">);
	})
	.delete("/profile/avatar", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		unwrap(await c.env.CUSTOMER.removeAvatar(c.var.rpc, userId));
		return c.body(null, 204);
	});
