/**
 * Abuse limits for the auth endpoints and for costly writes, on Cloudflare's rate limiting
 * bindings (fixed 60-second windows, counted per Cloudflare location): one counter per client and
 * action, and one per account and action. A client is counted by its network (`networkOf`): an IPv4 address, or the
 * /64 of an IPv6 address, since one subscriber gets a whole /64 and can rotate through it at will.
 * Every limit on the client address goes through `clientNetwork`.
 *
 * The login's per-account window also keys on the network, so one network cannot use up the
 * account; the budget an account has across all networks, and the back-off after repeated
 * failures, are in ./login-guard.ts.
 */
import type { Context } from "hono";
import { ApiError } from "../http/errors";
import { currentSession } from "../middleware/session";
import type { AppEnv } from "../types";

export type LimitedAction =
	| "signup"
	| "login"
	| "confirm"
	| "forgot"
	| "resend"
	| "reset"
	| "verify"
	| "email"
	| "mfa"
	| "totp-enable"
	| "passkey";

/** Window of both limiters in seconds (their `period` in wrangler.jsonc). */
const WINDOW_SECONDS = 60;

/** `a.b.c.d` from two 16-bit groups (the tail of an IPv4-mapped IPv6 address). */
const dotted = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(text: string): number[] | null {
	let address = text.toLowerCase();
	const zone = address.indexOf("%");
	if (zone >= 0) address = address.slice(0, zone);
	// An embedded IPv4 tail (`::ffff:192.0.2.1`) becomes the last two groups.
	const v4 = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
	if (v4) {
		const octets = v4.slice(2, 6).map(Number);
		if (octets.some((o) => o > 255)) return null;
		const [a = 0, b = 0, c = 0, d = 0] = octets;
		address = `${v4[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const halves = address.split("::");
	if (halves.length > 2) return null;
	const split = (part: string | undefined) => (part ? part.split(":") : []);
	const head = split(halves[0]);
	const tail = split(halves[1]);
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
	if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
	return groups.map((g) => Number.parseInt(g, 16));
}

/**
 * The network a client address counts as: an IPv6 address by its /64 (`2001:db8:0:1::/64`), an
 * IPv4-mapped IPv6 address as its IPv4 address, anything else as it is.
 */
export function networkOf(ip: string): string {
	if (!ip.includes(":")) return ip;
	const groups = ipv6Groups(ip);
	if (!groups) return ip;
	const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
	if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) {
		return dotted(g6, g7);
	}
	return `${groups
		.slice(0, 4)
		.map((g) => g.toString(16))
		.join(":")}::/64`;
}

/** The client's network, from the address Cloudflare reports (set by the edge, not the client). */
export function clientNetwork(c: Context<AppEnv>): string {
	return networkOf(c.req.header("CF-Connecting-IP") ?? "unknown");
}

/** 429 rate_limited with Retry-After: one window, unless the caller knows the wait (back-off). */
export function rateLimited(retryAfterSeconds: number = WINDOW_SECONDS): ApiError {
	const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
	return new ApiError(
		"rate_limited",
		`Too many attempts. Please wait ${seconds} s and try again.`,
		{
			headers: { "Retry-After": String(seconds) },
		},
	);
}

/**
 * Throws 429 when the client's network has used up its window for this action. Called before
 * the body is even parsed, so floods of invalid requests are limited too.
 */
export async function limitIp(c: Context<AppEnv>, action: LimitedAction): Promise<void> {
	const { success } = await c.env.IP_LIMITER.limit({ key: `${action}:ip:${clientNetwork(c)}` });
	if (!success) throw rateLimited();
}

/**
 * Throws 429 when the account (e-mail or user id) has used up its window for this action; for
 * logins, its window on the client's network.
 */
export async function limitAccount(
	c: Context<AppEnv>,
	action: LimitedAction,
	account: string,
): Promise<void> {
	const key =
		action === "login"
			? `${action}:acct:${account}:${clientNetwork(c)}`
			: `${action}:acct:${account}`;
	const { success } = await c.env.ACCOUNT_LIMITER.limit({ key });
	if (!success) throw rateLimited();
}

/**
 * Writes that cost us a call to R2, Stripe or Cloudflare's API each, limited per account; and
 * imports (issue 21), which fetch a page from another site or create pages in bulk.
 */
export type CostlyWrite = "publish" | "upload" | "domain" | "billing" | "export" | "import";

/**
 * Throws 429 when the signed-in account has made more than WRITE_LIMITER's limit (30) of this
 * kind of write in the window. Called once the request is known to be valid, right before the
 * costly call: a flood of invalid requests costs no more than its validation, and only the calls
 * that reach R2, Stripe or Cloudflare's API count. The limit is far above an editing person's
 * pace; it stops a script or a stolen session from turning into thousands of such calls.
 */
export async function limitWrites(c: Context<AppEnv>, action: CostlyWrite): Promise<void> {
	const { userId } = currentSession(c.get("session"));
	const { success } = await c.env.WRITE_LIMITER.limit({ key: `${action}:acct:${userId}` });
	if (!success) throw rateLimited();
}

/**
 * Throws 429 when the account has used up its login budget across all networks. It counts on the
 * limiter with the larger window (20), so that a single network, capped at 5 by `limitAccount`,
 * can never use up the whole budget.
 */
export async function limitLoginBudget(c: Context<AppEnv>, email: string): Promise<void> {
	const { success } = await c.env.IP_LIMITER.limit({ key: `login:budget:${email}` });
	if (!success) throw rateLimited();
}
