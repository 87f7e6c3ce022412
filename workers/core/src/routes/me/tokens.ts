/**
 * The account's personal access tokens (issue 21): POST /api/v1/me/tokens {name, scopes,
 * expiresAt?} → 201 {token, secret} (the secret in this answer only; the Customer Worker stores
 * its SHA-256), GET /api/v1/me/tokens, DELETE /api/v1/me/tokens/:id. Dashboard only: a token can
 * never manage tokens (not in the token table, so a bearer request gets 403 before it gets
 * here). Another account's token id is not found (404); revoking takes effect on the next
 * request everywhere, since bearer requests are checked against D1 without a cache.
 */
import { createApiTokenBody, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { newApiTokenSecret } from "../../auth/api-tokens";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { idFrom } from "../../http/params";
import { currentSession, requireSession } from "../../middleware/session";
import { planOf } from "../../paywall";
import type { AppEnv } from "../../types";

export const apiTokens = new Hono<AppEnv>()
	.post("/me/tokens", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const body = await parseJson(c, createApiTokenBody);
		const { plan } = await planOf(c, userId);
		const { secret, tokenHash } = await newApiTokenSecret();
		const token = unwrap(
			await c.env.CUSTOMER.createApiToken(
				c.var.rpc,
				userId,
				{ name: body.name, scopes: body.scopes, tokenHash, expiresAt: body.expiresAt },
				{ plan: plan.id },
			),
		);
		c.header("Cache-Control", "no-store");
		return c.json({ token, secret } satisfies ResponseOf<"POST /me/tokens">, 201);
	})
	.get("/me/tokens", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const tokens = await c.env.CUSTOMER.listApiTokens(c.var.rpc, userId);
		return c.json({ tokens } satisfies ResponseOf<"GET /me/tokens">);
	})
	.delete("/me/tokens/:id", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const id = idFrom(c, "id", "API token");
		unwrap(await c.env.CUSTOMER.revokeApiToken(c.var.rpc, userId, id));
		return c.body(null, 204);
	});
