/**
 * CSRF defence for a cookie-authenticated JSON API (api.md, Conventions): a state-changing
 * request that carries the session cookie is refused (403 csrf_rejected) unless Origin is exactly
 * the app origin and Sec-Fetch-Site, when present, is same-origin. Requests without the cookie
 * are not subject to the check; they are simply unauthenticated. JSON-only bodies (415 for forms)
 * keep cross-site forms from reaching the cookie-less endpoints with a usable body. A request with
 * an `Authorization: Bearer` token (issue 21) is authenticated by the token alone, the cookie
 * ignored: no browser can add that header to a cross-site request without a CORS preflight,
 * which Core never answers, so it needs no Origin check.
 */
import { createMiddleware } from "hono/factory";
import { hasBearer } from "../auth/api-tokens";
import { hasSessionCookie } from "../auth/cookie";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../types";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Authenticated by its Stripe signature instead (billing issue); never carries a cookie.
const EXEMPT_PATHS = new Set(["/api/v1/webhooks/stripe"]);

export const csrf = createMiddleware<AppEnv>(async (c, next) => {
	if (SAFE_METHODS.has(c.req.method) || EXEMPT_PATHS.has(c.req.path)) return next();
	if (hasBearer(c)) return next();
	const origin = c.req.header("Origin");
	const fetchSite = c.req.header("Sec-Fetch-Site");
	// The parsed cookie, exactly as the session middleware reads it, not a substring of the header.
	if (hasSessionCookie(c)) {
		const originOk = origin === c.env.APP_ORIGIN;
		const siteOk = fetchSite === undefined || fetchSite === "same-origin";
		if (!originOk || !siteOk) {
			throw new ApiError("csrf_rejected", "This request did not come from the SmartPages app.");
		}
	}
	return next();
});
