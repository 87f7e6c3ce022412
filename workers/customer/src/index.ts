/**
 * Customer Worker entry: the RPC surface Core calls through its service binding — a table of
 * one-line delegations to the modules, grouped by area. Every method takes the request context
 * first (correlation only) and runs through `traced` (one log line per call, storage outages
 * marked `unavailable`; @smartpages/contracts/observability); every tenant method then takes the
 * authenticated user id from Core; nothing here trusts an id supplied by a client. Anything that can fail answers `Result<T>`; a method that does not is documented as
 * "cannot fail (throws only on outage)". There is no HTTP surface: the default fetch handler
 * answers 404. Configuration comes from ./config.ts; no SQL, mapping or helper lives here (every
 * method of a WorkerEntrypoint, TypeScript-`private` or not, is callable over the binding).
 */

import { WorkerEntrypoint } from "cloudflare:workers";
import type {
	AccountSummary,
	ApiToken,
	ApiTokenPrincipal,
	Attribution,
	CreateLinkBody,
	CreatePageBody,
	Domain,
	ImportPage,
	Limit,
	Link,
	Locale,
	LoginCredentials,
	NewApiToken,
	NewPasskey,
	Page,
	PageVersion,
	Passkey,
	PasskeyUse,
	PatchLinkBody,
	PatchPageBody,
	PatchProfileBody,
	Plan,
	Profile,
	PublishResult,
	Result,
	ScheduleApplied,
	ScheduleDue,
	StatsFact,
	StoredPasskey,
	SubscriptionChange,
	TokenPurpose,
	TotpSetup,
	TwoFactorState,
	User,
} from "@smartpages/contracts";
import { tracer } from "@smartpages/contracts/observability";
import type { RpcContext } from "@smartpages/contracts/rpc-context";
import * as apiTokens from "./api-tokens/api-tokens";
import {
	type BillingAccount,
	beginAccountDeletion,
	billingAccount,
	claimStripeCustomer,
} from "./billing/customers";
import { type AppliedChange, applySubscription } from "./billing/plan";
import { domainConfig, type Env, planConfig, siteConfig, twoFactorConfig } from "./config";
import {
	accountDomains,
	claimAccountDomain,
	type DomainMail,
	deleteDomain,
	recheckAndCollectMails,
	settleDomainMails,
	verifyAccountDomain,
} from "./domains/domains";
import { pingDatabase } from "./lib/sql";
import * as links from "./links/links";
import * as imports from "./pages/import";
import * as pages from "./pages/pages";
import * as uploads from "./pages/uploads";
import * as passkeys from "./passkeys/passkeys";
import { listCredentials, listPasskeys } from "./passkeys/store";
import * as profile from "./profile/profile";
import * as publish from "./publish/publish";
import * as schedules from "./publish/schedules";
import { type ManifestUpgrade, upgradeManifests } from "./publish/upgrade";
import * as versionPreview from "./publish/version-preview";
import type { StatsDay, StoredStats } from "./stats/stats";
import * as stats from "./stats/stats";
import * as twoFactor from "./two-factor/two-factor";
import * as account from "./users/account";
import * as users from "./users/store";

/** Runs each method's body with the caller's request id and logs one line per call. */
const traced = tracer("customer");

export class CustomerService extends WorkerEntrypoint<Env> {
	/** Liveness of this worker and its D1 database, used by Core's health check. Cannot fail. */
	async ping(ctx: RpcContext): Promise<{ service: "customer"; ok: boolean }> {
		return traced(ctx, "ping", async () => ({
			service: "customer",
			ok: await pingDatabase(this.env.DB),
		}));
	}

	// ── accounts ────────────────────────────────────────────────────────────────────────────

	/**
	 * Creates the account, or reports `created: false` with the existing one for a registered
	 * address. Cannot fail (throws only on outage).
	 */
	async createUser(
		ctx: RpcContext,
		input: {
			email: string;
			passwordHash: string;
			locale: Locale;
			attribution?: Attribution;
		},
	): Promise<{ created: boolean; user: User; locale: Locale }> {
		return traced(ctx, "createUser", () => users.createUser(this.env.DB, input));
	}

	/** The stored hash for a login attempt; `not_found` for an unknown address. */
	async getLoginCredentials(ctx: RpcContext, email: string): Promise<Result<LoginCredentials>> {
		return traced(ctx, "getLoginCredentials", () =>
			account.getLoginCredentials(this.env.DB, email),
		);
	}

	async getPasswordHash(ctx: RpcContext, userId: string): Promise<Result<string>> {
		return traced(ctx, "getPasswordHash", () => account.getPasswordHash(this.env.DB, userId));
	}

	/** Cannot fail (throws only on outage); an unknown user changes nothing. */
	async recordLoginResult(ctx: RpcContext, userId: string, success: boolean): Promise<void> {
		return traced(ctx, "recordLoginResult", () =>
			users.recordLoginResult(this.env.DB, userId, success),
		);
	}

	/**
	 * Replaces the password hash (a real change when `changed`, a parameter upgrade otherwise).
	 * Cannot fail (throws only on outage); an unknown user changes nothing.
	 */
	async setPasswordHash(
		ctx: RpcContext,
		userId: string,
		passwordHash: string,
		changed: boolean,
	): Promise<void> {
		return traced(ctx, "setPasswordHash", () =>
			users.setPasswordHash(this.env.DB, userId, passwordHash, changed),
		);
	}

	/** The account as `GET /me` shows it: user, profile and plan. */
	async getAccount(ctx: RpcContext, userId: string): Promise<Result<AccountSummary>> {
		return traced(ctx, "getAccount", () =>
			account.getAccount(this.env.DB, siteConfig(this.env), userId),
		);
	}

	async getPlan(ctx: RpcContext, userId: string): Promise<Result<Plan>> {
		return traced(ctx, "getPlan", () => account.getPlan(this.env.DB, userId));
	}

	async setLocale(ctx: RpcContext, userId: string, locale: Locale): Promise<Result<User>> {
		return traced(ctx, "setLocale", () => users.setLocale(this.env.DB, userId, locale));
	}

	async issueToken(
		ctx: RpcContext,
		userId: string,
		purpose: TokenPurpose,
	): Promise<Result<{ token: string; user: User }>> {
		return traced(ctx, "issueToken", () => account.issueAccountToken(this.env.DB, userId, purpose));
	}

	async verifyEmail(ctx: RpcContext, token: string): Promise<Result<account.VerifiedEmail>> {
		return traced(ctx, "verifyEmail", () => account.verifyEmail(this.env.DB, token));
	}

	async resetPassword(ctx: RpcContext, token: string, passwordHash: string): Promise<Result<User>> {
		return traced(ctx, "resetPassword", () =>
			account.resetPassword(this.env.DB, token, passwordHash),
		);
	}

	async requestEmailChange(
		ctx: RpcContext,
		userId: string,
		newEmail: string,
	): Promise<Result<{ token: string | null; user: User }>> {
		return traced(ctx, "requestEmailChange", () =>
			account.requestEmailChange(this.env.DB, userId, newEmail),
		);
	}

	async exportAccount(ctx: RpcContext, userId: string): Promise<Result<unknown>> {
		return traced(ctx, "exportAccount", () =>
			account.exportAccount(this.env.DB, siteConfig(this.env), userId),
		);
	}

	async deleteAccount(
		ctx: RpcContext,
		userId: string,
	): Promise<Result<{ email: string; locale: Locale }>> {
		return traced(ctx, "deleteAccount", () =>
			account.deleteAccountWithDomains(domainConfig(this.env), this.env.PAGES_DOMAIN, userId),
		);
	}

	// ── two-factor sign-in (issue 20) ───────────────────────────────────────────────────────

	/** A new authenticator-app secret, pending until its first code; `conflict` while TOTP is on. */
	async beginTotpSetup(ctx: RpcContext, userId: string): Promise<Result<TotpSetup>> {
		return traced(ctx, "beginTotpSetup", () =>
			twoFactor.beginTotpSetup(twoFactorConfig(this.env), userId),
		);
	}

	/** Turns the pending setup on with a first code; answers ten recovery codes (shown once). */
	async enableTotp(
		ctx: RpcContext,
		userId: string,
		code: string,
	): Promise<Result<{ recoveryCodes: string[] }>> {
		return traced(ctx, "enableTotp", () =>
			twoFactor.enableTotp(twoFactorConfig(this.env), userId, code),
		);
	}

	/** A sign-in's second step: a code accepted once (`invalid_credentials` otherwise). */
	async verifyTotp(ctx: RpcContext, userId: string, code: string): Promise<Result<null>> {
		return traced(ctx, "verifyTotp", () =>
			twoFactor.verifyTotp(twoFactorConfig(this.env), userId, code),
		);
	}

	/** A sign-in's second step with a recovery code (each once); answers the codes left. */
	async useRecoveryCode(
		ctx: RpcContext,
		userId: string,
		code: string,
	): Promise<Result<{ remaining: number }>> {
		return traced(ctx, "useRecoveryCode", () =>
			twoFactor.useRecoveryCode(this.env.DB, userId, code),
		);
	}

	async regenerateRecoveryCodes(
		ctx: RpcContext,
		userId: string,
	): Promise<Result<{ recoveryCodes: string[] }>> {
		return traced(ctx, "regenerateRecoveryCodes", () =>
			twoFactor.regenerateRecoveryCodes(this.env.DB, userId),
		);
	}

	/** Turns TOTP off (secret and recovery codes go); whether it was on. Cannot fail. */
	async disableTotp(ctx: RpcContext, userId: string): Promise<{ wasOn: boolean }> {
		return traced(ctx, "disableTotp", () => twoFactor.disableTotp(this.env.DB, userId));
	}

	/** Cannot fail (throws only on outage). */
	async getTwoFactorState(ctx: RpcContext, userId: string): Promise<TwoFactorState> {
		return traced(ctx, "getTwoFactorState", () => twoFactor.twoFactorState(this.env.DB, userId));
	}

	// ── API tokens (issue 21) ───────────────────────────────────────────────────────────────

	/** Stores a token Core made (its hash only); `plan_limit_reached` at 10 per account. */
	async createApiToken(
		ctx: RpcContext,
		userId: string,
		input: NewApiToken,
		limit: Pick<Limit, "plan">,
	): Promise<Result<ApiToken>> {
		return traced(ctx, "createApiToken", () =>
			apiTokens.createApiToken(this.env.DB, userId, input, limit),
		);
	}

	/** Cannot fail (throws only on outage). */
	async listApiTokens(ctx: RpcContext, userId: string): Promise<ApiToken[]> {
		return traced(ctx, "listApiTokens", () => apiTokens.listApiTokens(this.env.DB, userId));
	}

	async revokeApiToken(ctx: RpcContext, userId: string, id: string): Promise<Result<null>> {
		return traced(ctx, "revokeApiToken", () => apiTokens.revokeApiToken(this.env.DB, userId, id));
	}

	/** The account and scopes of a bearer token by its hash; `unauthenticated` when not live. */
	async verifyApiToken(ctx: RpcContext, tokenHash: string): Promise<Result<ApiTokenPrincipal>> {
		return traced(ctx, "verifyApiToken", () => apiTokens.verifyApiToken(this.env.DB, tokenHash));
	}

	// ── passkeys (issue 20) ─────────────────────────────────────────────────────────────────

	/** Cannot fail (throws only on outage). */
	async listPasskeys(ctx: RpcContext, userId: string): Promise<Passkey[]> {
		return traced(ctx, "listPasskeys", () => listPasskeys(this.env.DB, userId));
	}

	/** The account's credentials, for the registration's exclude list. Cannot fail. */
	async listPasskeyCredentials(ctx: RpcContext, userId: string): Promise<StoredPasskey[]> {
		return traced(ctx, "listPasskeyCredentials", () => listCredentials(this.env.DB, userId));
	}

	/** Stores a passkey Core verified; `conflict` when the credential is registered already. */
	async addPasskey(ctx: RpcContext, userId: string, input: NewPasskey): Promise<Result<Passkey>> {
		return traced(ctx, "addPasskey", () => passkeys.addPasskey(this.env.DB, userId, input));
	}

	async renamePasskey(
		ctx: RpcContext,
		userId: string,
		id: string,
		name: string,
	): Promise<Result<Passkey>> {
		return traced(ctx, "renamePasskey", () =>
			passkeys.renamePasskey(this.env.DB, userId, id, name),
		);
	}

	async deletePasskey(ctx: RpcContext, userId: string, id: string): Promise<Result<null>> {
		return traced(ctx, "deletePasskey", () => passkeys.deletePasskey(this.env.DB, userId, id));
	}

	/** A passkey by its credential id, whichever account holds it (sign-in without an e-mail). */
	async findPasskey(ctx: RpcContext, credentialId: string): Promise<Result<StoredPasskey>> {
		return traced(ctx, "findPasskey", () => passkeys.findPasskey(this.env.DB, credentialId));
	}

	/** Records a sign-in's counter and flags (compare-and-set on the counter it was checked with). */
	async recordPasskeyUse(ctx: RpcContext, use: PasskeyUse): Promise<Result<null>> {
		return traced(ctx, "recordPasskeyUse", () => passkeys.recordPasskeyUse(this.env.DB, use));
	}

	// ── profile ─────────────────────────────────────────────────────────────────────────────

	async getProfile(ctx: RpcContext, userId: string): Promise<Result<Profile>> {
		return traced(ctx, "getProfile", () => profile.getProfile(siteConfig(this.env), userId));
	}

	async updateProfile(
		ctx: RpcContext,
		userId: string,
		patch: PatchProfileBody,
	): Promise<Result<Profile>> {
		return traced(ctx, "updateProfile", () =>
			profile.editProfile(siteConfig(this.env), userId, patch),
		);
	}

	/** Stores a new avatar (bytes checked here again: the type comes from the content). */
	async setAvatar(ctx: RpcContext, userId: string, bytes: Uint8Array): Promise<Result<Profile>> {
		return traced(ctx, "setAvatar", () =>
			profile.uploadAvatar(siteConfig(this.env), userId, bytes),
		);
	}

	async removeAvatar(ctx: RpcContext, userId: string): Promise<Result<null>> {
		return traced(ctx, "removeAvatar", () => profile.removeAvatar(siteConfig(this.env), userId));
	}

	// ── billing state ───────────────────────────────────────────────────────────────────────

	/** What Billing needs to open Checkout or the Portal, and every customer to cancel at deletion. */
	async getBillingAccount(ctx: RpcContext, userId: string): Promise<Result<BillingAccount>> {
		return traced(ctx, "getBillingAccount", () => billingAccount(this.env.DB, userId));
	}

	/**
	 * Starts an account's deletion (issue 15 item 4): from now on its plan changes are stored but
	 * reported without a recipient. Answers the billing account, whose customers the deletion cancels.
	 */
	async beginAccountDeletion(ctx: RpcContext, userId: string): Promise<Result<BillingAccount>> {
		return traced(ctx, "beginAccountDeletion", () => beginAccountDeletion(this.env.DB, userId));
	}

	/**
	 * Records a Stripe customer created for the account; the first one set stays (compare-and-set)
	 * and is the answer, so the loser of a race uses the winner's customer.
	 */
	async setStripeCustomer(
		ctx: RpcContext,
		userId: string,
		customerId: string,
	): Promise<Result<{ customerId: string }>> {
		return traced(ctx, "setStripeCustomer", () =>
			claimStripeCustomer(this.env.DB, userId, customerId),
		);
	}

	/** Applies a verified, normalised Stripe event once (by event id). */
	async applySubscription(
		ctx: RpcContext,
		eventId: string,
		eventType: string,
		change: SubscriptionChange | null,
	): Promise<Result<AppliedChange>> {
		return traced(ctx, "applySubscription", () =>
			applySubscription(planConfig(this.env), eventId, eventType, change),
		);
	}

	// ── custom domains ──────────────────────────────────────────────────────────────────────

	/** Cannot fail (throws only on outage); an account without domains has an empty list. */
	async listDomains(ctx: RpcContext, userId: string): Promise<Domain[]> {
		return traced(ctx, "listDomains", () => accountDomains(domainConfig(this.env), userId));
	}

	async claimDomain(
		ctx: RpcContext,
		userId: string,
		hostname: string,
		limit: Limit,
	): Promise<Result<Domain>> {
		return traced(ctx, "claimDomain", () =>
			claimAccountDomain(domainConfig(this.env), userId, hostname, limit),
		);
	}

	/** Checks DNS and Cloudflare now; `becameActive` tells Core to send the "domain active" mail. */
	async verifyDomain(
		ctx: RpcContext,
		userId: string,
		domainId: string,
	): Promise<Result<{ domain: Domain; becameActive: boolean }>> {
		return traced(ctx, "verifyDomain", () =>
			verifyAccountDomain(domainConfig(this.env), userId, domainId),
		);
	}

	async deleteDomain(ctx: RpcContext, userId: string, domainId: string): Promise<Result<null>> {
		return traced(ctx, "deleteDomain", () =>
			deleteDomain(domainConfig(this.env), userId, domainId),
		);
	}

	/**
	 * The periodic re-check (Core's cron), within its time budget; returns the outbox's unsent
	 * domain mails (this run's and earlier refused ones), with their recipients. Cannot fail
	 * (throws only on outage; one broken check is logged and retried by the next run).
	 */
	async recheckDomains(ctx: RpcContext, now: number): Promise<DomainMail[]> {
		return traced(ctx, "recheckDomains", () => recheckAndCollectMails(domainConfig(this.env), now));
	}

	/**
	 * Domain mails the Mailer accepted leave the outbox (the rest are offered again next run).
	 * Cannot fail (throws only on outage).
	 */
	async settleDomainMails(ctx: RpcContext, sent: string[]): Promise<void> {
		return traced(ctx, "settleDomainMails", () => settleDomainMails(this.env.DB, sent));
	}

	/**
	 * Rewrites older-format site manifests of up to `limit` accounts after `after` (Core's cron).
	 * Cannot fail (throws only on outage).
	 */
	async upgradeManifests(ctx: RpcContext, after: string, limit: number): Promise<ManifestUpgrade> {
		return traced(ctx, "upgradeManifests", () =>
			upgradeManifests(siteConfig(this.env), after, limit),
		);
	}

	/**
	 * Published pages with a schedule boundary due at `now` (Core's cron, issue 18).
	 * Cannot fail (throws only on outage).
	 */
	async dueSchedules(ctx: RpcContext, now: number, limit: number): Promise<ScheduleDue[]> {
		return traced(ctx, "dueSchedules", () => schedules.dueSchedules(this.env.DB, now, limit));
	}

	/** Re-renders a due page's published version for `now`; nothing when not due (idempotent). */
	async applySchedule(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		now: number,
	): Promise<Result<ScheduleApplied>> {
		return traced(ctx, "applySchedule", () =>
			schedules.applySchedule(siteConfig(this.env), userId, pageId, now),
		);
	}

	// ── pages ───────────────────────────────────────────────────────────────────────────────

	async listPages(ctx: RpcContext, userId: string): Promise<Result<Page[]>> {
		return traced(ctx, "listPages", () => pages.listPages(siteConfig(this.env), userId));
	}

	async getPage(
		ctx: RpcContext,
		userId: string,
		pageId: string,
	): Promise<Result<{ page: Page; links: Link[] }>> {
		return traced(ctx, "getPage", () => pages.getPage(siteConfig(this.env), userId, pageId));
	}

	async createPage(
		ctx: RpcContext,
		userId: string,
		input: CreatePageBody,
		limit: Limit,
	): Promise<Result<Page>> {
		return traced(ctx, "createPage", () =>
			pages.createPage(siteConfig(this.env), userId, input, limit),
		);
	}

	async updatePage(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		patch: PatchPageBody,
	): Promise<Result<Page>> {
		return traced(ctx, "updatePage", () =>
			pages.updatePage(siteConfig(this.env), userId, pageId, patch),
		);
	}

	async deletePage(ctx: RpcContext, userId: string, pageId: string): Promise<Result<null>> {
		return traced(ctx, "deletePage", () =>
			uploads.deletePage(siteConfig(this.env), userId, pageId),
		);
	}

	/**
	 * Issue 21: creates an import's pages as drafts, each with its items in one batch, within the
	 * limits (checked again in D1); answers what was created and what the limits refused.
	 */
	async importPages(
		ctx: RpcContext,
		userId: string,
		input: ImportPage[],
		limits: imports.ImportLimits,
	): Promise<Result<imports.ImportedPages>> {
		return traced(ctx, "importPages", () =>
			imports.importPages(siteConfig(this.env), userId, input, limits),
		);
	}

	async previewVersion(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		version: number,
	): Promise<Result<string>> {
		return traced(ctx, "previewVersion", () =>
			versionPreview.previewVersion(siteConfig(this.env), userId, pageId, version),
		);
	}

	async previewPage(ctx: RpcContext, userId: string, pageId: string): Promise<Result<string>> {
		return traced(ctx, "previewPage", () =>
			publish.previewPage(siteConfig(this.env), userId, pageId),
		);
	}

	/**
	 * Publishes the draft. A storage failure on the way (R2 or D1) leaves the previous version
	 * served and answers `unavailable`; publishing again repairs everything.
	 */
	async publishPage(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		options: publish.PublishOptions,
	): Promise<Result<PublishResult>> {
		return traced(ctx, "publishPage", () =>
			publish.tryPublishPage(siteConfig(this.env), userId, pageId, options),
		);
	}

	async unpublishPage(ctx: RpcContext, userId: string, pageId: string): Promise<Result<Page>> {
		return traced(ctx, "unpublishPage", () =>
			publish.unpublishPage(siteConfig(this.env), userId, pageId),
		);
	}

	async listVersions(
		ctx: RpcContext,
		userId: string,
		pageId: string,
	): Promise<Result<PageVersion[]>> {
		return traced(ctx, "listVersions", () =>
			pages.listVersions(siteConfig(this.env), userId, pageId),
		);
	}

	async restoreVersion(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		version: number,
	): Promise<Result<PublishResult>> {
		return traced(ctx, "restoreVersion", () =>
			publish.restoreVersion(siteConfig(this.env), userId, pageId, version),
		);
	}

	// ── links ───────────────────────────────────────────────────────────────────────────────

	async listLinks(ctx: RpcContext, userId: string, pageId: string): Promise<Result<Link[]>> {
		return traced(ctx, "listLinks", () => links.listLinks(this.env.DB, userId, pageId));
	}

	async createLink(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		input: CreateLinkBody,
		limit: Limit,
	): Promise<Result<Link>> {
		return traced(ctx, "createLink", () =>
			links.createLink(this.env.DB, userId, pageId, input, limit),
		);
	}

	async updateLink(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		linkId: string,
		patch: PatchLinkBody,
	): Promise<Result<Link>> {
		return traced(ctx, "updateLink", () =>
			links.updateLink(this.env.DB, userId, pageId, linkId, patch),
		);
	}

	async deleteLink(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		linkId: string,
	): Promise<Result<null>> {
		return traced(ctx, "deleteLink", () =>
			uploads.deleteLink(siteConfig(this.env), userId, pageId, linkId),
		);
	}

	async reorderLinks(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		ids: string[],
	): Promise<Result<Link[]>> {
		return traced(ctx, "reorderLinks", () => links.reorderLinks(this.env.DB, userId, pageId, ids));
	}

	// ── page images (issue 18) ──────────────────────────────────────────────────────────────

	/** A link's thumbnail (bytes checked here again, with the thumbnail's tighter limits). */
	async setLinkThumbnail(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		linkId: string,
		bytes: Uint8Array,
	): Promise<Result<Link>> {
		return traced(ctx, "setLinkThumbnail", () =>
			uploads.setLinkThumbnail(siteConfig(this.env), userId, pageId, linkId, bytes),
		);
	}

	async removeLinkThumbnail(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		linkId: string,
	): Promise<Result<null>> {
		return traced(ctx, "removeLinkThumbnail", () =>
			uploads.removeLinkThumbnail(siteConfig(this.env), userId, pageId, linkId),
		);
	}

	/** A page's background image (bytes checked here again, the avatar's limits). */
	async setPageBackground(
		ctx: RpcContext,
		userId: string,
		pageId: string,
		bytes: Uint8Array,
	): Promise<Result<Page>> {
		return traced(ctx, "setPageBackground", () =>
			uploads.setPageBackground(siteConfig(this.env), userId, pageId, bytes),
		);
	}

	async removePageBackground(
		ctx: RpcContext,
		userId: string,
		pageId: string,
	): Promise<Result<null>> {
		return traced(ctx, "removePageBackground", () =>
			uploads.removePageBackground(siteConfig(this.env), userId, pageId),
		);
	}

	// ── statistics ──────────────────────────────────────────────────────────────────────────

	/** The roll-ups of [from, to] (of one page of the account's, else `not_found`). */
	async readStats(
		ctx: RpcContext,
		userId: string,
		range: { from: string; to: string; pageId?: string },
	): Promise<Result<StoredStats>> {
		return traced(ctx, "readStats", () => stats.readStats(this.env.DB, userId, range));
	}

	/** Accounts and finished days still to roll up (Core's cron). Cannot fail (throws only on outage). */
	async statsRollupsDue(
		ctx: RpcContext,
		days: StatsDay[],
		limit: number,
	): Promise<{ userId: string; day: string }[]> {
		return traced(ctx, "statsRollupsDue", () => stats.rollupsDue(this.env.DB, days, limit));
	}

	/** Stores one rolled-up day of the account, once (a repeat changes nothing). */
	async storeStatsDay(
		ctx: RpcContext,
		userId: string,
		day: string,
		facts: StatsFact[],
	): Promise<Result<{ written: boolean }>> {
		return traced(ctx, "storeStatsDay", () => stats.storeDay(this.env.DB, userId, day, facts));
	}
}

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<CustomerEnv>;
