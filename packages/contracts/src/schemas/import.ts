/**
 * Import (issue 21): request schemas of `POST /import/preview` and `POST /import`, which take the
 * same body — a profile address Core fetches (known hosts only), or a file's text.
 */
import * as z from "zod";
import { IMPORT_MAX_BYTES } from "../import/candidate";
import { lineSchema } from "./text";

const content = z
	.string({ error: "must be the file's text" })
	.max(IMPORT_MAX_BYTES, { error: "must be at most 1 MiB" })
	.refine((s) => s.trim().length > 0, { error: "is empty" });

export const importBody = z.discriminatedUnion(
	"source",
	[
		z.strictObject({
			source: z.literal("url"),
			/** A public profile address (linktr.ee, littlelink.io, demo.linkstack.org); https only. */
			url: z.string({ error: "must be a profile address" }).max(2048, { error: "is too long" }),
		}),
		z.strictObject({
			source: z.literal("csv"),
			content,
			/** The new page's title (the dashboard sends the file's name); default "Imported links". */
			title: lineSchema(100).optional(),
		}),
		z.strictObject({ source: z.literal("smartpages"), content }),
	],
	{ error: 'must be "url", "csv" or "smartpages"' },
);
export type ImportBody = z.infer<typeof importBody>;
