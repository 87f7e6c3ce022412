/**
 * Schemas of "Passkeys and two-factor sign-in" (api.md, issue 20): TOTP codes, recovery codes,
 * the login ticket, passkey names, and the WebAuthn responses a browser sends (the JSON form of
 * `PublicKeyCredential`, as `@simplewebauthn/browser` and `toJSON()` produce it). Every string is
 * bounded, so a hostile body is refused here before any verification runs.
 */
import * as z from "zod";
import { currentPasswordSchema, tokenSchema } from "./account";

/** Six digits; spaces (as apps show them, "123 456") are ignored. */
export const totpCodeSchema = z
	.string({ error: "must be a string" })
	.max(16, { error: "must be 6 digits" })
	.transform((s) => s.replace(/\s/g, ""))
	.pipe(z.string().regex(/^\d{6}$/, { error: "must be 6 digits" }));

/** A recovery code as shown (`xxxxx-xxxxx`), in any case, with or without the dash. */
export const recoveryCodeSchema = z
	.string({ error: "must be a string" })
	.max(32, { error: "is not a recovery code" })
	.regex(/^[0-9A-Za-z -]+$/, { error: "is not a recovery code" });

export const PASSKEY_NAME_MAX = 64;

/** A passkey's name: trimmed, 1–64 characters, no control characters. */
export const passkeyNameSchema = z
	.string({ error: "must be a string" })
	.trim()
	.min(1, { error: "is required" })
	.refine((s) => [...s].length <= PASSKEY_NAME_MAX, {
		error: `must be at most ${PASSKEY_NAME_MAX} characters`,
	})
	// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
	.refine((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s), {
		error: "must not contain control characters",
	});

/** base64url, bounded (WebAuthn's binary fields travel as base64url strings in JSON). */
const b64url = (max: number) =>
	z
		.string({ error: "must be a string" })
		.max(max, { error: "is too long" })
		.regex(/^[A-Za-z0-9_-]*$/, { error: "must be base64url" });

const TRANSPORTS = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] as const;

/** A registration (`navigator.credentials.create`) as JSON. */
export const registrationResponseSchema = z.object({
	id: b64url(1400),
	rawId: b64url(1400),
	type: z.literal("public-key", { error: 'must be "public-key"' }),
	response: z.object({
		clientDataJSON: b64url(4096),
		attestationObject: b64url(16384),
		authenticatorData: b64url(8192).optional(),
		transports: z.array(z.enum(TRANSPORTS)).max(8).optional(),
		publicKeyAlgorithm: z.number().int().optional(),
		publicKey: b64url(4096).optional(),
	}),
	authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
	clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

/** An assertion (`navigator.credentials.get`) as JSON. */
export const authenticationResponseSchema = z.object({
	id: b64url(1400),
	rawId: b64url(1400),
	type: z.literal("public-key", { error: 'must be "public-key"' }),
	response: z.object({
		clientDataJSON: b64url(4096),
		authenticatorData: b64url(8192),
		signature: b64url(2048),
		userHandle: b64url(256).optional(),
	}),
	authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
	clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Turning TOTP on needs the password too: a stolen session must not be able to lock the owner
 * out (a password reset leaves two-factor on, so the owner could not get back in).
 */
/** `password` is needed only from a session signed in more than ten minutes ago (Core says why). */
export const enableTotpBody = z.strictObject({
	code: totpCodeSchema,
	password: currentPasswordSchema.optional(),
});
export const disableTotpBody = z.strictObject({ password: currentPasswordSchema });
export const recoveryCodesBody = z.strictObject({ password: currentPasswordSchema });

export const loginMfaCodeBody = z.strictObject({ ticket: tokenSchema, code: totpCodeSchema });
export const loginMfaRecoveryBody = z.strictObject({
	ticket: tokenSchema,
	recoveryCode: recoveryCodeSchema,
});
/** The login's second step: the ticket and either a code from the app or a recovery code. */
export const loginMfaBody = z.union([loginMfaCodeBody, loginMfaRecoveryBody]);
export type LoginMfaBody = z.infer<typeof loginMfaBody>;

export const registerPasskeyBody = z.strictObject({
	name: passkeyNameSchema,
	response: registrationResponseSchema,
});
export const renamePasskeyBody = z.strictObject({ name: passkeyNameSchema });
export const passkeySigninBody = z.strictObject({ response: authenticationResponseSchema });
