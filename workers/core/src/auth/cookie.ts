/**
 * The session cookie: `__Host-sp_session`, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain.
 * (`http://localhost` counts as a secure context, so the same cookie works in local dev.)
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../types";
import { ABSOLUTE_LIFETIME_MS } from "./sessions";

export const SESSION_COOKIE = "__Host-sp_session";

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
	return getCookie(c, SESSION_COOKIE);
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
