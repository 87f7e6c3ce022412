/**
 * Sign-in with a passkey, without an e-mail address (issue 20): POST /api/v1/auth/passkey/options
 * (request options for discoverable credentials; the challenge waits in KV) and POST
 * /api/v1/auth/passkey {response} (the challenge is used up, the assertion verified against the
 * stored credential, the counter stored with a compare-and-set) → a session. Any bad, replayed or
 * unknown assertion → 401 invalid_credentials, the same answer for each. A passkey requires user
 * verification, so it satisfies two-factor on its own.
 */
import { passkeySigninBody, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import { rememberNetwork } from "../../auth/login-guard";
import { limitIp } from "../../auth/rate-limit";
import { startSession } from "../../auth/sign-in";
import { authenticationOptions, consumeSignInChallenge, verifySignIn } from "../../auth/webauthn";
import { parseJson } from "../../http/body";
import { ApiError } from "../../http/errors";
import type { AppEnv } from "../../types";

const INVALID = "This passkey could not sign you in.";

export const passkeySignIn = new Hono<AppEnv>()
	.post("/auth/passkey/options", async (c) => {
		await limitIp(c, "passkey");
		const options = await authenticationOptions(c);
		return c.json({ options: { ...options } } satisfies ResponseOf<"POST /auth/passkey/options">);
	})
	.post("/auth/passkey", async (c) => {
		await limitIp(c, "passkey");
		const { response } = await parseJson(c, passkeySigninBody);
		const challenge = await consumeSignInChallenge(c, response);
		if (!challenge) throw new ApiError("invalid_credentials", INVALID);
		const found = await c.env.CUSTOMER.findPasskey(c.var.rpc, response.id);
		if (!found.ok) throw new ApiError("invalid_credentials", INVALID);
		const use = await verifySignIn(c, response, challenge, found.value);
		if (!use) throw new ApiError("invalid_credentials", INVALID);
		const recorded = await c.env.CUSTOMER.recordPasskeyUse(c.var.rpc, use);
		if (!recorded.ok) throw new ApiError("invalid_credentials", INVALID);
		const user = await startSession(c, found.value.userId);
		await rememberNetwork(c, user.email);
		return c.json({ user } satisfies ResponseOf<"POST /auth/passkey">);
	});
