/**
 * The account's passkeys (issue 20): POST /api/v1/me/passkeys/options (creation options; the
 * challenge waits in KV), POST /api/v1/me/passkeys {name, response} (verified here, stored by
 * the Customer Worker, mailed to the owner), GET /api/v1/me/passkeys, PATCH …/:id {name} and
 * DELETE …/:id. Another account's passkey id is not found (404).
 */
import { type ResponseOf, registerPasskeyBody, renamePasskeyBody } from "@smartpages/contracts";
import { Hono } from "hono";
import { registrationOptions, verifyRegistration } from "../../auth/webauthn";
import { parseJson } from "../../http/body";
import { ApiError, unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const passkeys = new Hono<AppEnv>()
	.post("/me/passkeys/options", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const { user } = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, session.userId));
		const existing = await c.env.CUSTOMER.listPasskeyCredentials(c.var.rpc, session.userId);
		const options = await registrationOptions(c, user, existing);
		return c.json({ options: { ...options } } satisfies ResponseOf<"POST /me/passkeys/options">);
	})
	.post("/me/passkeys", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const body = await parseJson(c, registerPasskeyBody);
		const verified = await verifyRegistration(c, session.userId, body.response, body.name);
		if (!verified) {
			throw new ApiError(
				"validation_failed",
				"The passkey could not be verified. Please try again.",
				{
					fields: { response: "could not be verified" },
				},
			);
		}
		const passkey = unwrap(await c.env.CUSTOMER.addPasskey(c.var.rpc, session.userId, verified));
		const { user } = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, session.userId));
		queueMail(c, "passkey_added", user.email, user.locale, { name: passkey.name });
		return c.json({ passkey } satisfies ResponseOf<"POST /me/passkeys">, 201);
	})
	.get("/me/passkeys", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const list = await c.env.CUSTOMER.listPasskeys(c.var.rpc, session.userId);
		return c.json({ passkeys: list } satisfies ResponseOf<"GET /me/passkeys">);
	})
	.patch("/me/passkeys/:id", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const { name } = await parseJson(c, renamePasskeyBody);
		const passkey = unwrap(
			await c.env.CUSTOMER.renamePasskey(c.var.rpc, session.userId, c.req.param("id"), name),
		);
		return c.json({ passkey } satisfies ResponseOf<"PATCH /me/passkeys/:id">);
	})
	.delete("/me/passkeys/:id", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		unwrap(await c.env.CUSTOMER.deletePasskey(c.var.rpc, session.userId, c.req.param("id")));
		return c.body(null, 204);
	});
