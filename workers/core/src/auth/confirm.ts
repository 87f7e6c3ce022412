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
