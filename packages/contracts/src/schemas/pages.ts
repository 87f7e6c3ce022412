/**
 * Pages and links: request schemas.
 */
import { z } from "zod";
import { designSchema } from "../design";
import { slugSchema } from "./handle";
import { lineSchema, textSchema, themeSchema } from "./profile";
import { linkUrlSchema } from "./url";

// The shapes the API returns are defined with the other resources (../api/resources).
export type { Link, Page, PageVersion } from "../api/resources";

const title = lineSchema(100).refine((s) => s.length > 0, { error: "is required" });

export const createPageBody = z.strictObject({ title, slug: slugSchema.optional() });
export const patchPageBody = z.strictObject({
	title: title.optional(),
	slug: slugSchema.optional(),
	description: textSchema(300).optional(),
	theme: themeSchema.optional(),
	/** Issue 18: the page's own design; `theme` alone resets it to that theme's preset. */
	design: designSchema.optional(),
});
export type CreatePageBody = z.infer<typeof createPageBody>;
export type PatchPageBody = z.infer<typeof patchPageBody>;

export const createLinkBody = z.strictObject({
	title,
	url: linkUrlSchema,
	enabled: z.boolean({ error: "must be true or false" }).optional(),
});
export const patchLinkBody = z.strictObject({
	title: title.optional(),
	url: linkUrlSchema.optional(),
	enabled: z.boolean({ error: "must be true or false" }).optional(),
});
export type CreateLinkBody = z.infer<typeof createLinkBody>;
export type PatchLinkBody = z.infer<typeof patchLinkBody>;

export const reorderLinksBody = z.strictObject({
	ids: z
		.array(z.string({ error: "must be a list of link ids" }).max(64), {
			error: "must be a list of link ids",
		})
		.max(1000, { error: "has too many entries" }),
});

/** Path parameter ids: opaque, but bounded and plain so they never reach SQL or logs oddly. */
export const idParam = z.string().regex(/^[a-z]{2,3}_[0-9a-z]{20}$/);
