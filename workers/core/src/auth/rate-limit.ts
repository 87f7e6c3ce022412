/**
 * Abuse limits for the auth endpoints, on Cloudflare's rate limiting bindings: one counter per
 * client IP and one per account. The login account key also contains the IP, so an attacker
 * hammering somebody's address exhausts only their own window, never the owner's.
 */
import type { Context } from "hono";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../types";

export type LimitedAction = "signup" | "login" | "forgot" | "resend" | "reset" | "verify" | "email";

/** Window of both limiters in seconds (their `period` in wrangler.jsonc). */
const WINDOW_SECONDS = 60;

/** The client address as Cloudflare reports it (set by the edge; clients cannot override it). */
export function clientIp(c: Context<AppEnv>): string {
	return c.req.header("CF-Connecting-IP") ?? "unknown";
}

function limited(): ApiError {
	return new ApiError("rate_limited", "Too many attempts. Please wait a minute and try again.", {
		headers: { "Retry-After": String(WINDOW_SECONDS) },
	});
}

/**
 * Throws 429 when the client IP has used up its window for this action. Called before the body
 * is even parsed, so floods of invalid requests are limited too.
 */
export async function limitIp(c: Context<AppEnv>, action: LimitedAction): Promise<void> {
	const { success } = await c.env.IP_LIMITER.limit({ key: `${action}:ip:${clientIp(c)}` });
	if (!success) throw limited();
}

/** Throws 429 when the account (e-mail or user id) has used up its window for this action. */
export async function limitAccount(
	c: Context<AppEnv>,
	action: LimitedAction,
	account: string,
): Promise<void> {
	const key =
		action === "login" ? `${action}:acct:${account}:${clientIp(c)}` : `${action}:acct:${account}`;
	const { success } = await c.env.ACCOUNT_LIMITER.limit({ key });
	if (!success) throw limited();
}

/**
 * Growing delay after repeated failed logins of one account: nothing for the first five, then
 * 0.5 s, 1 s, 2 s … up to 8 s before the password is checked. It slows guessing without ever
 * refusing the owner's correct password.
 */
export function failedLoginDelayMs(failedLogins: number): number {
	if (failedLogins < 5) return 0;
	return Math.min(8000, 500 * 2 ** (failedLogins - 5));
}
