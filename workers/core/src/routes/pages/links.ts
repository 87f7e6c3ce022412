/**
 * Links of a page: list, add (paywall: maxLinksPerPage), update, delete and reorder.
 */
import {
	createLinkBody,
	patchLinkBody,
	type ResponseOf,
	reorderLinksBody,
} from "@smartpages/contracts";
import { Hono } from "hono";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { idFrom } from "../../http/params";
import { currentSession, requireSession } from "../../middleware/session";
import { planOf } from "../../paywall";
import type { AppEnv } from "../../types";

export const links = new Hono<AppEnv>()
	.get("/pages/:id/links", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const list = unwrap(await c.env.CUSTOMER.listLinks(c.var.rpc, userId, idFrom(c, "id", "page")));
		return c.json({ links: list } satisfies ResponseOf<"GET /pages/:id/links">);
	})
	.post("/pages/:id/links", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const body = await parseJson(c, createLinkBody);
		const { plan, entitlements } = await planOf(c, userId);
		const link = unwrap(
			await c.env.CUSTOMER.createLink(c.var.rpc, userId, pageId, body, {
				max: entitlements.maxLinksPerPage,
				plan: plan.id,
			}),
		);
		return c.json({ link } satisfies ResponseOf<"POST /pages/:id/links">, 201);
	})
	// Registered before "/:linkId" so "order" is never taken for a link id.
	.put("/pages/:id/links/order", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const { ids } = await parseJson(c, reorderLinksBody);
		const list = unwrap(await c.env.CUSTOMER.reorderLinks(c.var.rpc, userId, pageId, ids));
		return c.json({ links: list } satisfies ResponseOf<"PUT /pages/:id/links/order">);
	})
	.patch("/pages/:id/links/:linkId", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const pageId = idFrom(c, "id", "page");
		const linkId = idFrom(c, "linkId", "link");
		const body = await parseJson(c, patchLinkBody);
		const link = unwrap(await c.env.CUSTOMER.updateLink(c.var.rpc, userId, pageId, linkId, body));
		return c.json({ link } satisfies ResponseOf<"PATCH /pages/:id/links/:linkId">);
	})
	.delete("/pages/:id/links/:linkId", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		unwrap(
			await c.env.CUSTOMER.deleteLink(
				c.var.rpc,
				userId,
				idFrom(c, "id", "page"),
				idFrom(c, "linkId", "link"),
			),
		);
		return c.body(null, 204);
	});
