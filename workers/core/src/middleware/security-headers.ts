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
	c.header("X-Frame-Options", "DENY");
	c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
	if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});
