/**
 * Schemas of the "Auth and account" API and the account shapes returned by it.
 * One definition serves Core's validation, the Customer Worker's RPC types and the web app.
 */
import * as z from "zod";
import { COMMON_PASSWORDS } from "../common-passwords";

export const LOCALES = ["de", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const localeSchema = z.enum(LOCALES, { error: 'must be "de" or "en"' });

// ASCII only: look-alike characters (Cyrillic "а", full-width "＠", zero-width joiners) are refused
// instead of being normalised into somebody else's address.
const EMAIL =
	/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** E-mail addresses are trimmed and lower-cased so one mailbox is one account. */
export const emailSchema = z
	.string({ error: "must be a string" })
	.trim()
	.max(254, { error: "must be at most 254 characters" })
	.regex(EMAIL, { error: "must be a valid e-mail address" })
	.transform((value) => value.toLowerCase());

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Counts characters as code points, so emoji count once and nothing is truncated. */
export function passwordLength(password: string): number {
	return [...password].length;
}

export const passwordSchema = z
	.string({ error: "must be a string" })
	.refine((p) => passwordLength(p) >= PASSWORD_MIN, {
		error: `must be at least ${PASSWORD_MIN} characters`,
	})
	.refine((p) => passwordLength(p) <= PASSWORD_MAX, {
		error: `must be at most ${PASSWORD_MAX} characters`,
	})
	.refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), {
		error: "is too common; choose a password that others are unlikely to use",
	});

/** A password as typed at login: only bounded, never checked against rules (old passwords work). */
export const currentPasswordSchema = z
	.string({ error: "must be a string" })
	.min(1, { error: "is required" })
	.max(1024, { error: "is too long" });

const utm = z
	.string({ error: "must be a string" })
	.trim()
	.max(100, { error: "must be at most 100 characters" });

export const signupBody = z.strictObject({
	email: emailSchema,
	password: passwordSchema,
	locale: localeSchema.optional(),
	plan: z.literal("pro", { error: 'must be "pro"' }).optional(),
	attribution: z
		.strictObject({
			utm_source: utm.optional(),
			utm_medium: utm.optional(),
			utm_campaign: utm.optional(),
		})
		.optional(),
});
export type SignupBody = z.infer<typeof signupBody>;

/** Single-use tokens are 32 random bytes, base64url: 43 characters. */
export const tokenSchema = z
	.string({ error: "must be a string" })
	.regex(/^[A-Za-z0-9_-]{43}$/, { error: "is not a valid token" });

export const verifyEmailBody = z.strictObject({ token: tokenSchema });
export const loginBody = z.strictObject({ email: emailSchema, password: currentPasswordSchema });
export const forgotPasswordBody = z.strictObject({ email: emailSchema });
export const resetPasswordBody = z.strictObject({ token: tokenSchema, password: passwordSchema });
export const patchMeBody = z.strictObject({ locale: localeSchema.optional() });
export const changePasswordBody = z.strictObject({
	currentPassword: currentPasswordSchema,
	newPassword: passwordSchema,
});
export const changeEmailBody = z.strictObject({
	newEmail: emailSchema,
	password: currentPasswordSchema,
});
export const deleteAccountBody = z.strictObject({ password: currentPasswordSchema });

// The shapes the API returns are defined with the other resources (../api/resources).
export type { SessionInfo, User } from "../api/resources";

export type TokenPurpose = "verify_email" | "password_reset" | "email_change";

/** Lifetimes of single-use tokens, in seconds. */
export const TOKEN_TTL: Record<TokenPurpose, number> = {
	verify_email: 24 * 3600,
	password_reset: 3600,
	email_change: 24 * 3600,
};

/** Where a sign-up came from (marketing UTM values and the plan the visitor chose). */
export type Attribution = NonNullable<SignupBody["attribution"]> & { plan?: "pro" };
