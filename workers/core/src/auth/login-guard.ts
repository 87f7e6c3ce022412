/**
 * Password guessing, bounded per account whatever the client address, without locking the owner
 * out (review SP-06, SP-09). Before a password is checked, a login attempt must pass:
 *
 *  1. its network's login window (20 a minute per IPv4 address or IPv6 /64, `limitIp`) and the
 *     account's window on that network (5 a minute, `limitAccount`);
 *  2. unless it comes from a network this address signed in from within the last 30 days:
 *     a. a back-off: after 10 failed attempts from such networks, the next one is taken only 1 s,
 *        2 s, 4 s … (at most 15 minutes) after the latest failure, and an earlier one gets 429
 *        with Retry-After (failures are forgotten a day after the latest), and
 *     b. the account's budget across all those networks (20 a minute, `limitLoginBudget`).
 *
 * Why the right password is refused too: a limit that still let it through would tell the guesser
 * which guess was right, and so would limit nothing. The owner keeps access because a network
 * they signed in from skips step 2: there they get in at once, in the middle of an attack, and
 * nothing here ever sleeps. Only on a network they never used can an attack make them wait (a
 * second factor, once it exists, is the lasting answer).
 *
 * Nothing depends on whether the address has an account (SP-09): the records are keyed by a hash
 * of the address as typed (with the network, for recognition), so a registered and an unknown
 * address take the same steps and get the same answers. KV is not transactional and the windows
 * count per Cloudflare location, so the back-off is approximate under bursts; the windows of
 * step 1 and 2b bound those bursts.
 *
 *   login-net:{sha256(email, network)}  → "1"                          (30 days)
 *   login-backoff:{sha256(email)}       → {failures, lastFailureAt}    (a day after the latest)
 */
import { sha256Hex } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import type { Context } from "hono";
import type { AppEnv } from "../types";
import { clientNetwork, limitAccount, limitLoginBudget, rateLimited } from "./rate-limit";

export const FREE_FAILURES = 10;
export const MAX_BACKOFF_MS = 15 * 60 * 1000;
const RECOGNISED_FOR_S = 30 * 24 * 3600;
const FAILURES_KEPT_FOR_S = 24 * 3600;

export interface BackoffState {
	failures: number;
	lastFailureAt: number;
}

const networkKey = async (email: string, network: string) =>
	`login-net:${await sha256Hex(`${email}\n${network}`)}`;
const backoffKey = async (email: string) => `login-backoff:${await sha256Hex(email)}`;

/**
 * How long an attempt from an unrecognised network must still wait, in ms (0: it may go ahead).
 * A function of the recorded failures only: the same for a registered and an unknown address.
 */
export function backoffRemainingMs(state: BackoffState | null, now: number): number {
	if (!state || state.failures < FREE_FAILURES) return 0;
	const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (state.failures - FREE_FAILURES));
	return Math.max(0, state.lastFailureAt + wait - now);
}

/** An admitted attempt: tell it how the password check went. */
export interface LoginAttempt {
	failed(): Promise<void>;
	succeeded(): Promise<void>;
}

/** Remembers the client's network as one this address signed in from (login, new sign-up). */
export async function rememberNetwork(c: Context<AppEnv>, email: string): Promise<void> {
	await c.env.SESSIONS.put(await networkKey(email, clientNetwork(c)), "1", {
		expirationTtl: RECOGNISED_FOR_S,
	});
}

/** Runs steps 1 and 2 above; throws 429 rate_limited when the attempt may not go ahead. */
export async function admitLoginAttempt(c: Context<AppEnv>, email: string): Promise<LoginAttempt> {
	await limitAccount(c, "login", email);
	const kv = c.env.SESSIONS;
	const now = c.get("now");
	const key = await backoffKey(email);
	const [known, state] = await Promise.all([
		kv.get(await networkKey(email, clientNetwork(c))),
		kv.get<BackoffState>(key, "json"),
	]);
	const recognised = known !== null;
	if (!recognised) {
		const wait = backoffRemainingMs(state, now);
		if (wait > 0) throw rateLimited(wait / 1000);
		await limitLoginBudget(c, email);
	}
	return {
		async failed() {
			if (recognised) return;
			try {
				// Read again just before the write: attempts that ran meanwhile count too.
				const latest = await kv.get<BackoffState>(key, "json");
				const next: BackoffState = { failures: (latest?.failures ?? 0) + 1, lastFailureAt: now };
				await kv.put(key, JSON.stringify(next), { expirationTtl: FAILURES_KEPT_FOR_S });
			} catch (error) {
				// KV refuses more than one write a second to a key; the windows still bound the burst.
				writeLog("warn", "login back-off not recorded", {
					requestId: c.get("requestId"),
					error: String(error),
				});
			}
		},
		async succeeded() {
			await rememberNetwork(c, email);
		},
	};
}
