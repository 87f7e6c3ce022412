/**
 * The structured Impressum (`profile.legal`, issue 18.5): what § 5 DDG asks of a German site —
 * name, postal address, e-mail, and where they apply phone, VAT id, register entry with court and
 * the person responsible for content (§ 18 Abs. 2 MStV). From it the publisher generates the
 * site's /impressum, /datenschutz, /imprint and /privacy pages. Checks are deliberately loose
 * where the law is (any country, any register), strict where a value lands in a link (e-mail,
 * phone) or could disguise itself (control and bidi characters, length).
 */
import * as z from "zod";
import { isEmailAddress } from "./socials";
import { lineSchema } from "./text";

/** The paths a site with `legal` serves (the four legal pages), per language. */
export const LEGAL_PATHS = {
	de: { imprint: "impressum", privacy: "datenschutz" },
	en: { imprint: "imprint", privacy: "privacy" },
} as const;
export type LegalPath = "impressum" | "datenschutz" | "imprint" | "privacy";
export const LEGAL_PATH_LIST: readonly LegalPath[] = [
	"impressum",
	"datenschutz",
	"imprint",
	"privacy",
];

const required = (max: number) =>
	lineSchema(max).refine((s) => s.length > 0, { error: "must not be empty" });

/** An optional line: "" (an emptied field in a form) means absent. */
const optional = <T extends z.ZodType<string | undefined>>(schema: T) =>
	schema.optional().transform((v) => (v === "" ? undefined : v));

/** Whether `code` is an ISO 3166-1 alpha-2 region the runtime knows (its name differs from it). */
export function isCountryCode(code: string): boolean {
	if (!/^[A-Z]{2}$/.test(code)) return false;
	try {
		const name = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" }).of(code);
		return typeof name === "string" && name !== code && name !== "Unknown Region";
	} catch {
		return false;
	}
}

/**
 * A VAT identification number, compact and upper case: a German one is `DE` and nine digits,
 * others two letters and 2–13 letters or digits (the EU formats vary too much to list).
 */
export function normaliseVatId(value: string): string | null {
	const compact = value.replace(/[\s.-]/g, "").toUpperCase();
	if (compact.startsWith("DE")) return /^DE[0-9]{9}$/.test(compact) ? compact : null;
	return /^[A-Z]{2}[A-Z0-9]{2,13}$/.test(compact) ? compact : null;
}

export const legalSchema = z
	.strictObject({
		name: required(120),
		street: required(120),
		postalCode: lineSchema(12).refine((s) => /^[a-z0-9][a-z0-9 -]{1,10}$/i.test(s), {
			error: "must be a postal code",
		}),
		city: required(80),
		country: z
			.string({ error: "must be a string" })
			.trim()
			.toUpperCase()
			.refine(isCountryCode, { error: "must be a two-letter country code like DE" }),
		email: z
			.string({ error: "must be a string" })
			.trim()
			.refine(isEmailAddress, { error: "must be an e-mail address like name@example.org" }),
		phone: optional(
			lineSchema(32).refine((s) => s === "" || /^\+?[0-9][0-9 ()/.-]{4,30}$/.test(s), {
				error: "must be a phone number like +49 30 1234567",
			}),
		),
		vatId: optional(
			z
				.string({ error: "must be a string" })
				.max(32, { error: "must be at most 32 characters" })
				.transform((s, ctx) => {
					if (s.trim() === "") return "";
					const vat = normaliseVatId(s);
					if (vat) return vat;
					ctx.addIssue({ code: "custom", message: "must be a VAT id like DE123456789" });
					return z.NEVER;
				}),
		),
		register: optional(lineSchema(60)),
		registerCourt: optional(lineSchema(80)),
		responsible: optional(lineSchema(200)),
	})
	.superRefine((legal, ctx) => {
		// A register number means nothing without the court that keeps the register.
		if (legal.register && !legal.registerCourt) {
			ctx.addIssue({
				code: "custom",
				message: "is needed with a register number",
				path: ["registerCourt"],
			});
		}
	});
export type Legal = z.output<typeof legalSchema>;
