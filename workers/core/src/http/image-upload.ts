/**
 * Reading an image upload (the avatar, and since issue 18 link thumbnails and page backgrounds):
 * only from accounts with a confirmed address (uploads are served publicly on the account's
 * site), a declared image type (415), at most `limit` bytes (413), and the bytes checked strictly
 * (contracts/images: the type decided by the content, dimensions capped, broken files refused,
 * bytes after the end dropped, metadata removed), then at most 30 valid uploads a minute per
 * account (WRITE_LIMITER). The Customer Worker checks again and stores only checked bytes.
 */
import {
	checkImage,
	IMAGE_LIMIT,
	type Result,
	UNSUPPORTED_IMAGE,
	type ValidImage,
} from "@smartpages/contracts";
import type { Context } from "hono";
import { limitWrites } from "../auth/rate-limit";
import type { AppEnv } from "../types";
import { readLimited } from "./body";
import { ApiError, unwrap } from "./errors";

const DECLARED = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

export interface ImageRules {
	/** Largest body accepted, in bytes. */
	limit: number;
	check: (bytes: Uint8Array) => Result<ValidImage>;
}

const AVATAR_RULES: ImageRules = { limit: IMAGE_LIMIT, check: checkImage };

export async function readImageUpload(
	c: Context<AppEnv>,
	userId: string,
	rules: ImageRules = AVATAR_RULES,
): Promise<ValidImage> {
	const account = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, userId));
	if (!account.user.emailVerified) {
		throw new ApiError(
			"email_not_verified",
			"Please confirm your e-mail address before uploading a picture.",
		);
	}
	const declared = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (!DECLARED.has(declared)) throw new ApiError("unsupported_media_type", UNSUPPORTED_IMAGE);
	const image = unwrap(rules.check(await readLimited(c.req.raw, rules.limit)));
	await limitWrites(c, "upload");
	return image;
}
