/**
 * Wires Core: middleware in order, then the routes under /api/v1, then error handling.
 * Routes live in ./routes (one concern per file); this file only assembles them.
 */
import { Hono } from "hono";
import { handleError, handleNotFound } from "./http/errors";
import { requestId } from "./middleware/request-id";
import { securityHeaders } from "./middleware/security-headers";
import { health } from "./routes/health";
import type { AppEnv } from "./types";

export function createApp(): Hono<AppEnv> {
	const app = new Hono<AppEnv>();
	app.use("*", requestId, securityHeaders);
	app.route("/api/v1", health);
	app.notFound(handleNotFound);
	app.onError(handleError);
	return app;
}
