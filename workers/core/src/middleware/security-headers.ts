/**
 * Headers every Core response carries: API responses are never sniffed, framed, cached by shared
 * caches or sent with a referrer.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../types";

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	c.header("X-Content-Type-Options", "nosniff");
	c.header("Referrer-Policy", "no-referrer");
	// Routes that serve HTML (the preview) set their own, stricter-for-their-case policy.
	if (!c.res.headers.has("Content-Security-Policy")) {
		c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		c.header("X-Frame-Options", "DENY");
	}
	if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});
