/**
 * Wires Core: middleware in order, then the routes under /api/v1, then error handling.
 * Routes live in ./routes, one file per route group named after its resource (pages, links,
 * publishing, domains, billing, profile, avatar, sessions, tokens, stats, import); the auth and account routes are one
 * operation per file (auth/login, me/password, …). This file only assembles them.
 */
import { Hono } from "hono";
import { handleError, handleNotFound } from "./http/errors";
import { csrf } from "./middleware/csrf";
import { requestId } from "./middleware/request-id";
import { securityHeaders } from "./middleware/security-headers";
import { loadSession } from "./middleware/session";
import { login } from "./routes/auth/login";
import { loginMfa } from "./routes/auth/login-mfa";
import { logout } from "./routes/auth/logout";
import { passkeySignIn } from "./routes/auth/passkey";
import { passwordForgot } from "./routes/auth/password-forgot";
import { passwordReset } from "./routes/auth/password-reset";
import { resendVerification } from "./routes/auth/resend-verification";
import { signup } from "./routes/auth/signup";
import { verifyEmail } from "./routes/auth/verify-email";
import { billing } from "./routes/billing/billing";
import { domains } from "./routes/domains/domains";
import { health } from "./routes/health";
import { importRoutes } from "./routes/import/import";
import { deleteAccount } from "./routes/me/delete";
import { changeEmail } from "./routes/me/email";
import { exportAccount } from "./routes/me/export";
import { getMe } from "./routes/me/get";
import { passkeys } from "./routes/me/passkeys";
import { changePassword } from "./routes/me/password";
import { patchMe } from "./routes/me/patch";
import { sessions } from "./routes/me/sessions";
import { apiTokens } from "./routes/me/tokens";
import { totp } from "./routes/me/totp";
import { openapi } from "./routes/openapi";
import { pageImages } from "./routes/pages/images";
import { links } from "./routes/pages/links";
import { pages } from "./routes/pages/pages";
import { publishing } from "./routes/pages/publishing";
import { avatar } from "./routes/profile/avatar";
import { profile } from "./routes/profile/profile";
import { stats } from "./routes/stats/stats";
import { stripeWebhook } from "./routes/webhooks/stripe";
import type { AppEnv } from "./types";

/**
 * Every route group, mounted under /api/v1 by `createApp` in this order. Core's tests check that
 * the app serves exactly these groups' routes, and exactly the routes of the contract's endpoint
 * table (@smartpages/contracts/api); the authorization matrix has a row for each.
 */
export const ROUTES = [
	health,
	signup,
	verifyEmail,
	resendVerification,
	login,
	loginMfa,
	passkeySignIn,
	logout,
	passwordForgot,
	passwordReset,
	getMe,
	patchMe,
	changePassword,
	changeEmail,
	sessions,
	exportAccount,
	deleteAccount,
	totp,
	passkeys,
	apiTokens,
	openapi,
	profile,
	avatar,
	pages,
	publishing,
	links,
	pageImages,
	importRoutes,
	billing,
	stripeWebhook,
	domains,
	stats,
] as const;

/**
 * The app. Built as one chain (not a loop over ROUTES) so the type of every route, its params and
 * its JSON answer survive into `AppType`.
 */
export function createApp() {
	return new Hono<AppEnv>()
		.use("*", requestId, securityHeaders)
		.use("*", async (c, next) => {
			c.set("now", Date.now());
			await next();
		})
		.use("/api/*", csrf, loadSession)
		.route("/api/v1", health)
		.route("/api/v1", signup)
		.route("/api/v1", verifyEmail)
		.route("/api/v1", resendVerification)
		.route("/api/v1", login)
		.route("/api/v1", loginMfa)
		.route("/api/v1", passkeySignIn)
		.route("/api/v1", logout)
		.route("/api/v1", passwordForgot)
		.route("/api/v1", passwordReset)
		.route("/api/v1", getMe)
		.route("/api/v1", patchMe)
		.route("/api/v1", changePassword)
		.route("/api/v1", changeEmail)
		.route("/api/v1", sessions)
		.route("/api/v1", exportAccount)
		.route("/api/v1", deleteAccount)
		.route("/api/v1", totp)
		.route("/api/v1", passkeys)
		.route("/api/v1", apiTokens)
		.route("/api/v1", openapi)
		.route("/api/v1", profile)
		.route("/api/v1", avatar)
		.route("/api/v1", pages)
		.route("/api/v1", publishing)
		.route("/api/v1", links)
		.route("/api/v1", pageImages)
		.route("/api/v1", importRoutes)
		.route("/api/v1", billing)
		.route("/api/v1", stripeWebhook)
		.route("/api/v1", domains)
		.route("/api/v1", stats)
		.notFound(handleNotFound)
		.onError(handleError);
}

/** Core's routes with their types, for a client inferred from the app (Hono's `hc`). */
export type AppType = ReturnType<typeof createApp>;
