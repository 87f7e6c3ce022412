/**
 * Customer Worker entry: the RPC surface Core calls through its service binding. Every tenant
 * method takes the authenticated user id from Core as its first argument; nothing here trusts an
 * id supplied by a client. There is no HTTP surface: the default fetch handler answers 404.
 */
import type {
	Attribution,
	Locale,
	Plan,
	Profile,
	Result,
	TokenPurpose,
	User,
} from "@smartpages/contracts";
import { fail, ok } from "@smartpages/contracts";
import { WorkerEntrypoint } from "cloudflare:workers";
import {
	deleteAccount,
	exportAccount,
	requestEmailChange,
	resetPassword,
	type VerifiedEmail,
	verifyEmail,
} from "./users/account";
import {
	createUser,
	findUserByEmail,
	findUserById,
	recordLoginResult,
	setLocale,
	setPasswordHash,
	toPlan,
	toUser,
} from "./users/store";
import { issueToken } from "./users/tokens";
import { findProfile, toProfile } from "./profile/store";

export interface LoginCredentials {
	userId: string;
	passwordHash: string;
	failedLogins: number;
	lastFailedLoginAt: string | null;
}

export interface AccountSummary {
	user: User;
	profile: Profile;
	plan: Plan;
}

export class CustomerService extends WorkerEntrypoint<CustomerEnv> {
	/** Liveness of this worker and its D1 database, used by Core's health check. */
	async ping(): Promise<{ service: "customer"; ok: boolean }> {
		const row = await this.env.DB.prepare("SELECT 1 AS one").first<{ one: number }>();
		return { service: "customer", ok: row?.one === 1 };
	}

	// ── accounts ────────────────────────────────────────────────────────────────────────────

	async createUser(input: {
		email: string;
		passwordHash: string;
		locale: Locale;
		attribution?: Attribution;
	}): Promise<{ created: boolean; user: User; locale: Locale }> {
		return createUser(this.env.DB, input);
	}

	/** The stored hash for a login attempt, or null for an unknown address. */
	async getLoginCredentials(email: string): Promise<LoginCredentials | null> {
		const row = await findUserByEmail(this.env.DB, email);
		if (!row) return null;
		return {
			userId: row.id,
			passwordHash: row.password_hash,
			failedLogins: row.failed_logins,
			lastFailedLoginAt: row.last_failed_login_at,
		};
	}

	async getPasswordHash(userId: string): Promise<string | null> {
		return (await findUserById(this.env.DB, userId))?.password_hash ?? null;
	}

	async recordLoginResult(userId: string, success: boolean): Promise<void> {
		await recordLoginResult(this.env.DB, userId, success);
	}

	/** Replaces the password hash (a real change when `changed`, a parameter upgrade otherwise). */
	async setPasswordHash(userId: string, passwordHash: string, changed: boolean): Promise<void> {
		await setPasswordHash(this.env.DB, userId, passwordHash, changed);
	}

	/** The account as `GET /me` shows it: user, profile and plan. */
	async getAccount(userId: string): Promise<Result<AccountSummary>> {
		const [row, profile] = await Promise.all([
			findUserById(this.env.DB, userId),
			findProfile(this.env.DB, userId),
		]);
		if (!row || !profile) return fail("not_found", "No such account.");
		return ok({
			user: toUser(row),
			profile: toProfile(profile, this.env.PAGES_DOMAIN, this.env.PAGES_URL_TEMPLATE),
			plan: toPlan(row),
		});
	}

	async setLocale(userId: string, locale: Locale): Promise<Result<User>> {
		return setLocale(this.env.DB, userId, locale);
	}

	async issueToken(userId: string, purpose: TokenPurpose): Promise<Result<{ token: string; user: User }>> {
		const row = await findUserById(this.env.DB, userId);
		if (!row) return fail("not_found", "No such account.");
		const token = await issueToken(this.env.DB, userId, purpose);
		return ok({ token, user: toUser(row) });
	}

	async verifyEmail(token: string): Promise<Result<VerifiedEmail>> {
		return verifyEmail(this.env.DB, token);
	}

	async resetPassword(token: string, passwordHash: string): Promise<Result<User>> {
		return resetPassword(this.env.DB, token, passwordHash);
	}

	async requestEmailChange(
		userId: string,
		newEmail: string,
	): Promise<Result<{ token: string | null; user: User }>> {
		return requestEmailChange(this.env.DB, userId, newEmail);
	}

	async exportAccount(userId: string): Promise<Result<unknown>> {
		return exportAccount(this.env.DB, userId);
	}

	async deleteAccount(userId: string): Promise<Result<{ email: string; locale: Locale }>> {
		return deleteAccount(this.env.DB, this.env.PAGES, userId, this.env.PAGES_DOMAIN);
	}
}

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<CustomerEnv>;
