/**
 * Re-authentication for sensitive account changes: the current password must be given again.
 * A wrong one is a validation error on the named field (the session itself stays valid). Guesses
 * are limited per account whatever the client address: only a holder of one of the account's
 * sessions can use up that window, never a stranger guessing at the login.
 */
import type { Context } from "hono";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../types";
import { verifyPassword } from "./password";
import { limitAccount } from "./rate-limit";
import type { Session } from "./sessions";

/**
 * How long after signing in a session counts as "just signed in" for turning two-factor on
 * without typing the password again (the contract's `POST /me/totp/enable {code}`).
 */
export const RECENT_SIGN_IN_MS = 10 * 60_000;

export async function confirmPassword(
	c: Context<AppEnv>,
	userId: string,
	password: string,
	field: string,
): Promise<void> {
	await limitAccount(c, "confirm", userId);
	const hash = await c.env.CUSTOMER.getPasswordHash(c.var.rpc, userId);
	if (!hash.ok) throw new ApiError("unauthenticated", "Please log in.");
	const { valid } = await verifyPassword(password, hash.value);
	if (!valid) {
		throw new ApiError("validation_failed", "The password is not correct.", {
			fields: { [field]: "is not correct" },
		});
	}
}

/**
 * Turning two-factor on: a session signed in within the last ten minutes is proof enough, as the
 * contract's `{code}` body has it; an older one must give the password too. A session cookie stolen
 * hours ago must not lock its owner out (a password reset keeps two-factor on), while someone who
 * has just typed the password is not asked for it a second time.
 */
export async function confirmRecentSignIn(
	c: Context<AppEnv>,
	session: Session,
	password: string | undefined,
	field: string,
): Promise<void> {
	if (password !== undefined) return confirmPassword(c, session.userId, password, field);
	if (Date.now() - session.createdAt <= RECENT_SIGN_IN_MS) return;
	throw new ApiError("validation_failed", "Please enter your password to confirm.", {
		fields: { [field]: "is required" },
	});
}
