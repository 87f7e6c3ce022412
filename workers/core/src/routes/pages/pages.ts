/**
 * Pages: list, create (paywall: maxPages), read with links, update, delete.
 */
import { createPageBody, patchPageBody, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { idFrom } from "../../http/params";
import { currentSession, requireSession } from "../../middleware/session";
import { planOf } from "../../paywall";
import type { AppEnv } from "../../types";

export const pages = new Hono<AppEnv>()
	.get("/pages", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		return c.json({
			pages: unwrap(await c.env.CUSTOMER.listPages(c.var.rpc, userId)),
		} satisfies ResponseOf<"GET /pages">);
	})
	.post("/pages", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const body = await parseJson(c, createPageBody);
		const { plan, entitlements } = await planOf(c, userId);
		const page = unwrap(
			await c.env.CUSTOMER.createPage(c.var.rpc, userId, body, {
				max: entitlements.maxPages,
				plan: plan.id,
			}),
		);
		return c.json({ page } satisfies ResponseOf<"POST /pages">, 201);
	})
	.get("/pages/:id", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const result = unwrap(await c.env.CUSTOMER.getPage(c.var.rpc, userId, idFrom(c, "id", "page")));
		return c.json(result satisfies ResponseOf<"GET /pages/:id">);
	})
	.patch("/pages/:id", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const body = await parseJson(c, patchPageBody);
		const page = unwrap(await c.env.CUSTOMER.updatePage(c.var.rpc, userId, pageId, body));
		return c.json({ page } satisfies ResponseOf<"PATCH /pages/:id">);
	})
	.delete("/pages/:id", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		unwrap(await c.env.CUSTOMER.deletePage(c.var.rpc, userId, idFrom(c, "id", "page")));
		return c.body(null, 204);
	});
