/**
 * Custom domains (Pro): list, claim (paywall: maxCustomDomains), verify now, delete.
 */
import { createDomainBody, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { limitWrites } from "../../auth/rate-limit";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { idFrom } from "../../http/params";
import { queueMail } from "../../mail";
import { currentSession, requireSession } from "../../middleware/session";
import { planOf } from "../../paywall";
import type { AppEnv } from "../../types";

export const domains = new Hono<AppEnv>()
	.get("/domains", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		return c.json({
			domains: await c.env.CUSTOMER.listDomains(c.var.rpc, userId),
		} satisfies ResponseOf<"GET /domains">);
	})
	.post("/domains", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const { hostname } = await parseJson(c, createDomainBody);
		await limitWrites(c, "domain");
		const { plan, entitlements } = await planOf(c, userId);
		const domain = unwrap(
			await c.env.CUSTOMER.claimDomain(c.var.rpc, userId, hostname, {
				max: entitlements.maxCustomDomains,
				plan: plan.id,
			}),
		);
		return c.json({ domain } satisfies ResponseOf<"POST /domains">, 201);
	})
	.post("/domains/:id/verify", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		await limitWrites(c, "domain");
		const result = unwrap(
			await c.env.CUSTOMER.verifyDomain(c.var.rpc, userId, idFrom(c, "id", "domain")),
		);
		if (result.becameActive) {
			const { user } = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, userId));
			queueMail(c, "domain_active", user.email, user.locale, { hostname: result.domain.hostname });
		}
		return c.json({ domain: result.domain } satisfies ResponseOf<"POST /domains/:id/verify">);
	})
	.delete("/domains/:id", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		unwrap(await c.env.CUSTOMER.deleteDomain(c.var.rpc, userId, idFrom(c, "id", "domain")));
		return c.body(null, 204);
	});
