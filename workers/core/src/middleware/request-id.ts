/**
 * Gives every request an id, echoed as `X-Request-Id`, put into every error body and log line and
 * passed along to internal workers so one request can be followed through every hop.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../types";

export const requestId = createMiddleware<AppEnv>(async (c, next) => {
	const id = crypto.randomUUID();
	c.set("requestId", id);
	await next();
	c.header("X-Request-Id", id);
});
