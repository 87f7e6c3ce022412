/**
 * The session cookie: `__Host-sp_session`, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain.
 * (`http://localhost` counts as a secure context, so the same cookie works in local dev.)
 * It is read in one place, here: the session middleware and the CSRF check must agree on whether
 * a request carries it (review SP-21: `__Host-sp_session =…` authenticated but skipped the check).
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../types";
import { ABSOLUTE_LIFETIME_MS } from "./sessions";

export const SESSION_COOKIE = "__Host-sp_session";

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
	return getCookie(c, SESSION_COOKIE);
}

/** Whether the request carries the session cookie, as the session middleware will read it. */
export function hasSessionCookie(c: Context<AppEnv>): boolean {
	return readSessionCookie(c) !== undefined;
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
	setCookie(c, SESSION_COOKIE, token, {
		path: "/",
		secure: true,
		httpOnly: true,
		sameSite: "Lax",
		maxAge: ABSOLUTE_LIFETIME_MS / 1000,
	});
}

export function clearSessionCookie(c: Context<AppEnv>): void {
	deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
}
