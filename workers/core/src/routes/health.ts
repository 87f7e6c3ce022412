/**
 * GET /api/v1/health: Core is up and every internal worker answers its `ping` RPC.
 */
import type { ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../types";

export const health = new Hono<AppEnv>().get("/health", async (c) => {
	const checks = await Promise.allSettled([
		c.env.CUSTOMER.ping(c.var.rpc),
		c.env.BILLING.ping(c.var.rpc),
		c.env.MAILER.ping(c.var.rpc),
	]);
	const down = checks.filter((r) => r.status === "rejected" || !r.value.ok);
	if (down.length > 0) {
		throw new ApiError("unavailable", "A dependency is not answering.");
	}
	return c.json({
		status: "ok",
		services: { customer: "ok", billing: "ok", mailer: "ok" },
	} satisfies ResponseOf<"GET /health">);
});
