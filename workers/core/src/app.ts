/**
 * Wires Core: middleware in order, then the routes under /api/v1, then error handling.
 * Routes live in ./routes (one operation per file); this file only assembles them.
 */
import { Hono } from "hono";
import { handleError, handleNotFound } from "./http/errors";
import { csrf } from "./middleware/csrf";
import { requestId } from "./middleware/request-id";
import { securityHeaders } from "./middleware/security-headers";
import { loadSession } from "./middleware/session";
import { login } from "./routes/auth/login";
import { logout } from "./routes/auth/logout";
import { passwordForgot } from "./routes/auth/password-forgot";
import { passwordReset } from "./routes/auth/password-reset";
import { resendVerification } from "./routes/auth/resend-verification";
import { signup } from "./routes/auth/signup";
import { verifyEmail } from "./routes/auth/verify-email";
import { billing } from "./routes/billing/billing";
import { domains } from "./routes/domains/domains";
import { health } from "./routes/health";
import { deleteAccount } from "./routes/me/delete";
import { changeEmail } from "./routes/me/email";
import { exportAccount } from "./routes/me/export";
import { getMe } from "./routes/me/get";
import { changePassword } from "./routes/me/password";
import { patchMe } from "./routes/me/patch";
import { sessions } from "./routes/me/sessions";
import { links } from "./routes/pages/links";
import { pages } from "./routes/pages/pages";
import { publishing } from "./routes/pages/publishing";
import { avatar } from "./routes/profile/avatar";
import { profile } from "./routes/profile/profile";
import { stripeWebhook } from "./routes/webhooks/stripe";
import type { AppEnv } from "./types";

/** Every route group, mounted under /api/v1. The security suite derives its matrix from this. */
export const ROUTES = [
	health,
	signup,
	verifyEmail,
	resendVerification,
	login,
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
	profile,
	avatar,
	pages,
	publishing,
	links,
	billing,
	stripeWebhook,
	domains,
] as const;

export function createApp(): Hono<AppEnv> {
	const app = new Hono<AppEnv>();
	app.use("*", requestId, securityHeaders);
	app.use("*", async (c, next) => {
		c.set("now", Date.now());
		await next();
	});
	app.use("/api/*", csrf, loadSession);
	for (const group of ROUTES) app.route("/api/v1", group);
	app.notFound(handleNotFound);
	app.onError(handleError);
	return app;
}
