/**
 * The end of every sign-in (password, password + second factor, passkey): the caller's previous
 * session is destroyed, a new one created and its cookie set, and the account's user answered.
 * One place, so the three ways in cannot drift apart in how a session starts.
 */
import type { User } from "@smartpages/contracts";
import type { Context } from "hono";
import { unwrap } from "../http/errors";
import type { AppEnv } from "../types";
import { setSessionCookie } from "./cookie";
import { createSession, destroySession } from "./sessions";

export async function startSession(c: Context<AppEnv>, userId: string): Promise<User> {
	const previous = c.get("session");
	if (previous) await destroySession(c.env.SESSIONS, previous);
	const { token } = await createSession(
		c.env.SESSIONS,
		userId,
		c.req.header("User-Agent") ?? "",
		c.get("now"),
	);
	setSessionCookie(c, token);
	return unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, userId)).user;
}
