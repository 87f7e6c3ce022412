/**
 * Pages and links: request schemas.
 */
import * as z from "zod";
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
	/**
	 * Issue 19: makes this page the home page (served at "/"); the previous home page moves to
	 * its own address. Only `true`: a site always has one home page, so one is chosen, not unset.
	 */
	isHome: z
		.literal(true, { error: "must be true (choose the page that becomes the home page)" })
		.optional(),
});
export type CreatePageBody = z.infer<typeof createPageBody>;
export type PatchPageBody = z.infer<typeof patchPageBody>;

/** Default `"link"`; a `"header"` is a section heading with a title only (issue 18). */
export const LINK_KINDS = ["link", "header"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/**
 * A schedule boundary: ISO 8601 with a time zone (`Z` or an offset), or null for "none". The
 * Customer Worker stores it normalised to UTC (`toISOString`), so boundaries compare as strings.
 */
const scheduleTime = z.iso
	.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" })
	.refine(
		(s) => {
			const year = new Date(s).getUTCFullYear();
			return year >= 2000 && year <= 9999;
		},
		{ error: "must be a date between the years 2000 and 9999" },
	)
	.nullable();

const bool = z.boolean({ error: "must be true or false" });

interface ItemFields {
	kind?: LinkKind;
	url?: string;
	highlight?: boolean;
	startsAt?: string | null;
	endsAt?: string | null;
}

/**
 * Rules that span fields of one request (the stored item's fields are checked by the store):
 * a header has no URL and is never highlighted, and a window ends after it starts.
 */
function checkItem(item: ItemFields, ctx: z.RefinementCtx): void {
	if (item.kind === "header" && item.url !== undefined)
		ctx.addIssue({ code: "custom", path: ["url"], message: "a header has no URL" });
	if (item.kind === "header" && item.highlight === true)
		ctx.addIssue({
			code: "custom",
			path: ["highlight"],
			message: "a header cannot be highlighted",
		});
	if (item.startsAt && item.endsAt && Date.parse(item.endsAt) <= Date.parse(item.startsAt))
		ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must be after startsAt" });
}

export const createLinkBody = z
	.strictObject({
		kind: z.enum(LINK_KINDS, { error: 'must be "link" or "header"' }).optional(),
		title,
		url: linkUrlSchema.optional(),
		enabled: bool.optional(),
		highlight: bool.optional(),
		startsAt: scheduleTime.optional(),
		endsAt: scheduleTime.optional(),
	})
	.superRefine((item, ctx) => {
		checkItem(item, ctx);
		if ((item.kind ?? "link") === "link" && item.url === undefined)
			ctx.addIssue({ code: "custom", path: ["url"], message: "is required" });
	});
export const patchLinkBody = z
	.strictObject({
		title: title.optional(),
		url: linkUrlSchema.optional(),
		enabled: bool.optional(),
		highlight: bool.optional(),
		startsAt: scheduleTime.optional(),
		endsAt: scheduleTime.optional(),
	})
	.superRefine(checkItem);
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
