/**
 * Headers every Core response carries: API responses are never sniffed, framed, cached by shared
 * caches or sent with a referrer, and HTTPS answers pin the browser to HTTPS.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../types";

/**
 * Two years, for Core's hostnames and their subdomains (the app zone serves nothing over plain
 * HTTP). No `preload`: that is a decision about the whole registrable domain, taken in the zone.
 */
export const HSTS = "max-age=63072000; includeSubDomains";

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	// RFC 6797: only over a secure transport (local development speaks plain HTTP).
	if (new URL(c.req.url).protocol === "https:") c.header("Strict-Transport-Security", HSTS);
	c.header("X-Content-Type-Options", "nosniff");
	c.header("Referrer-Policy", "no-referrer");
	// Routes that serve HTML (the preview) set their own, stricter-for-their-case policy.
	if (!c.res.headers.has("Content-Security-Policy")) {
		c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		c.header("X-Frame-Options", "DENY");
	}
	if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});
