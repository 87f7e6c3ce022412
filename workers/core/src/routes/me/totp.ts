/**
 * Two-factor sign-in with an authenticator app (issue 20): GET /api/v1/me/totp (on or off, and
 * the recovery codes left), POST …/setup (a new secret and its otpauth URL), POST …/enable
 * {code, password?} (on, with ten recovery codes shown once; the password only from a session
 * older than a fresh sign-in), POST …/recovery-codes {password} (a new set)
 * and DELETE /api/v1/me/totp {password} (off). The secret is sealed and the codes are checked by
 * the Customer Worker (its two-factor module says why); turning it on or off is mailed.
 */
import {
	disableTotpBody,
	enableTotpBody,
	type ResponseOf,
	recoveryCodesBody,
} from "@smartpages/contracts";
import { Hono } from "hono";
import { confirmPassword, confirmRecentSignIn } from "../../auth/confirm";
import { limitAccount } from "../../auth/rate-limit";
import { parseJson } from "../../http/body";
import { unwrap } from "../../http/errors";
import { queueMail } from "../../mail";
import { currentSession, requireSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

export const totp = new Hono<AppEnv>()
	.get("/me/totp", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const state = await c.env.CUSTOMER.getTwoFactorState(c.var.rpc, session.userId);
		return c.json({
			enabled: state.totpEnabled,
			recoveryCodesLeft: state.recoveryCodesLeft,
		} satisfies ResponseOf<"GET /me/totp">);
	})
	.post("/me/totp/setup", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const setup = unwrap(await c.env.CUSTOMER.beginTotpSetup(c.var.rpc, session.userId));
		c.header("Cache-Control", "no-store");
		return c.json(setup satisfies ResponseOf<"POST /me/totp/setup">);
	})
	.post("/me/totp/enable", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const { code, password } = await parseJson(c, enableTotpBody);
		// Guessing the first code gains nothing, but it is limited like every code (in a window of
		// its own, so setting up never eats into the sign-in's).
		await limitAccount(c, "totp-enable", session.userId);
		// A session older than a fresh sign-in gives the password too: a stolen session must not
		// lock the owner out (a reset keeps TOTP on).
		await confirmRecentSignIn(c, session, password, "password");
		const { recoveryCodes } = unwrap(
			await c.env.CUSTOMER.enableTotp(c.var.rpc, session.userId, code),
		);
		const { user } = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, session.userId));
		queueMail(c, "two_factor_enabled", user.email, user.locale, {});
		c.header("Cache-Control", "no-store");
		return c.json({ recoveryCodes } satisfies ResponseOf<"POST /me/totp/enable">);
	})
	.post("/me/totp/recovery-codes", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const { password } = await parseJson(c, recoveryCodesBody);
		await confirmPassword(c, session.userId, password, "password");
		const { recoveryCodes } = unwrap(
			await c.env.CUSTOMER.regenerateRecoveryCodes(c.var.rpc, session.userId),
		);
		c.header("Cache-Control", "no-store");
		return c.json({ recoveryCodes } satisfies ResponseOf<"POST /me/totp/recovery-codes">);
	})
	.delete("/me/totp", requireSession, async (c) => {
		const session = currentSession(c.get("session"));
		const { password } = await parseJson(c, disableTotpBody);
		await confirmPassword(c, session.userId, password, "password");
		const { wasOn } = await c.env.CUSTOMER.disableTotp(c.var.rpc, session.userId);
		if (wasOn) {
			const { user } = unwrap(await c.env.CUSTOMER.getAccount(c.var.rpc, session.userId));
			queueMail(c, "two_factor_disabled", user.email, user.locale, {});
		}
		return c.body(null, 204);
	});
