/**
 * Gives every request an id, echoed as `X-Request-Id`, put into every error body and log line and
 * passed along to internal workers so one request can be followed through every hop: it is the
 * RPC context `c.var.rpc` that every call to an internal worker passes first. The request's
 * service bindings answer an outage as `503 unavailable` (../rpc.ts). Ends with one structured
 * access log line (method, path without query, status, duration, and the id of the API token
 * that authenticated it, if one did; never headers, secrets or bodies).
 */
import { writeLog } from "@smartpages/contracts/log";
import { createMiddleware } from "hono/factory";
import { mapOutages } from "../rpc";
import type { AppEnv } from "../types";

export const requestId = createMiddleware<AppEnv>(async (c, next) => {
	const id = crypto.randomUUID();
	const started = Date.now();
	c.set("requestId", id);
	c.set("rpc", { requestId: id });
	c.env = mapOutages(c.env, id);
	try {
		await next();
	} finally {
		writeLog("info", "request", {
			requestId: id,
			method: c.req.method,
			path: c.req.path,
			status: c.res.status,
			ms: Date.now() - started,
			...(c.get("apiToken") ? { tokenId: c.get("apiToken")?.id } : {}),
		});
	}
	c.header("X-Request-Id", id);
});
