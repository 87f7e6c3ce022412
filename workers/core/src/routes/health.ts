/**
 * GET /api/v1/health: Core is up and every internal worker answers its `ping` RPC.
 */
import { Hono } from "hono";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../types";

export interface HealthResponse {
	status: "ok";
	services: Record<"customer" | "billing" | "mailer", "ok">;
}

export const health = new Hono<AppEnv>().get("/health", async (c) => {
	const checks = await Promise.allSettled([
		c.env.CUSTOMER.ping(),
		c.env.BILLING.ping(),
		c.env.MAILER.ping(),
	]);
	const down = checks.filter((r) => r.status === "rejected" || !r.value.ok);
	if (down.length > 0) {
		throw new ApiError("unavailable", "A dependency is not answering.");
	}
	const body: HealthResponse = {
		status: "ok",
		services: { customer: "ok", billing: "ok", mailer: "ok" },
	};
	return c.json(body);
});
