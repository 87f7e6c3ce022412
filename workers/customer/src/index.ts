/**
 * Customer Worker entry: the RPC surface Core calls through its service binding — a table of
 * one-line delegations to the modules, grouped by area. Every tenant method takes the
 * authenticated user id from Core as its first argument; nothing here trusts an id supplied by a
 * client. Anything that can fail answers `Result<T>`; a method that does not is documented as
 * "cannot fail (throws only on outage)". There is no HTTP surface: the default fetch handler
 * answers 404. Configuration comes from ./config.ts; no SQL, mapping or helper lives here (every
 * method of a WorkerEntrypoint, TypeScript-`private` or not, is callable over the binding).
 */

import { WorkerEntrypoint } from "cloudflare:workers";
import type {
	AccountSummary,
	Attribution,
	CreateLinkBody,
	CreatePageBody,
	Domain,
	Limit,
	Link,
	Locale,
	LoginCredentials,
	Page,
	PageVersion,
	PatchLinkBody,
	PatchPageBody,
	PatchProfileBody,
	Plan,
	Profile,
	PublishResult,
	Result,
	SubscriptionChange,
	TokenPurpose,
	User,
} from "@smartpages/contracts";
import { traceEntrypoint } from "@smartpages/contracts/observability";
import {
	type BillingAccount,
	beginAccountDeletion,
	billingAccount,
	claimStripeCustomer,
} from "./billing/customers";
import { type AppliedChange, applySubscription } from "./billing/plan";
import { domainConfig, type Env, planConfig, siteConfig } from "./config";
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
import * as pages from "./pages/pages";
import * as profile from "./profile/profile";
import * as publish from "./publish/publish";
import { type ManifestUpgrade, upgradeManifests } from "./publish/upgrade";
import * as account from "./users/account";
import * as users from "./users/store";

export class CustomerService extends WorkerEntrypoint<Env> {
	/** Liveness of this worker and its D1 database, used by Core's health check. Cannot fail. */
	async ping(): Promise<{ service: "customer"; ok: boolean }> {
		return { service: "customer", ok: await pingDatabase(this.env.DB) };
	}

	// ── accounts ────────────────────────────────────────────────────────────────────────────

	/**
	 * Creates the account, or reports `created: false` with the existing one for a registered
	 * address. Cannot fail (throws only on outage).
	 */
	async createUser(input: {
		email: string;
		passwordHash: string;
		locale: Locale;
		attribution?: Attribution;
	}): Promise<{ created: boolean; user: User; locale: Locale }> {
		return users.createUser(this.env.DB, input);
	}

	/** The stored hash for a login attempt; `not_found` for an unknown address. */
	async getLoginCredentials(email: string): Promise<Result<LoginCredentials>> {
		return account.getLoginCredentials(this.env.DB, email);
	}

	async getPasswordHash(userId: string): Promise<Result<string>> {
		return account.getPasswordHash(this.env.DB, userId);
	}

	/** Cannot fail (throws only on outage); an unknown user changes nothing. */
	async recordLoginResult(userId: string, success: boolean): Promise<void> {
		return users.recordLoginResult(this.env.DB, userId, success);
	}

	/**
	 * Replaces the password hash (a real change when `changed`, a parameter upgrade otherwise).
	 * Cannot fail (throws only on outage); an unknown user changes nothing.
	 */
	async setPasswordHash(userId: string, passwordHash: string, changed: boolean): Promise<void> {
		return users.setPasswordHash(this.env.DB, userId, passwordHash, changed);
	}

	/** The account as `GET /me` shows it: user, profile and plan. */
	async getAccount(userId: string): Promise<Result<AccountSummary>> {
		return account.getAccount(this.env.DB, siteConfig(this.env), userId);
	}

	async getPlan(userId: string): Promise<Result<Plan>> {
		return account.getPlan(this.env.DB, userId);
	}

	async setLocale(userId: string, locale: Locale): Promise<Result<User>> {
		return users.setLocale(this.env.DB, userId, locale);
	}

	async issueToken(
		userId: string,
		purpose: TokenPurpose,
	): Promise<Result<{ token: string; user: User }>> {
		return account.issueAccountToken(this.env.DB, userId, purpose);
	}

	async verifyEmail(token: string): Promise<Result<account.VerifiedEmail>> {
		return account.verifyEmail(this.env.DB, token);
	}

	async resetPassword(token: string, passwordHash: string): Promise<Result<User>> {
		return account.resetPassword(this.env.DB, token, passwordHash);
	}

	async requestEmailChange(
		userId: string,
		newEmail: string,
	): Promise<Result<{ token: string | null; user: User }>> {
		return account.requestEmailChange(this.env.DB, userId, newEmail);
	}

	async exportAccount(userId: string): Promise<Result<unknown>> {
		return account.exportAccount(this.env.DB, userId);
	}

	async deleteAccount(userId: string): Promise<Result<{ email: string; locale: Locale }>> {
		return account.deleteAccountWithDomains(domainConfig(this.env), this.env.PAGES_DOMAIN, userId);
	}

	// ── profile ─────────────────────────────────────────────────────────────────────────────

	async getProfile(userId: string): Promise<Result<Profile>> {
		return profile.getProfile(siteConfig(this.env), userId);
	}

	async updateProfile(userId: string, patch: PatchProfileBody): Promise<Result<Profile>> {
		return profile.editProfile(siteConfig(this.env), userId, patch);
	}

	/** Stores a new avatar (bytes checked here again: the type comes from the content). */
	async setAvatar(userId: string, bytes: Uint8Array): Promise<Result<Profile>> {
		return profile.uploadAvatar(siteConfig(this.env), userId, bytes);
	}

	async removeAvatar(userId: string): Promise<Result<null>> {
		return profile.removeAvatar(siteConfig(this.env), userId);
	}

	// ── billing state ───────────────────────────────────────────────────────────────────────

	/** What Billing needs to open Checkout or the Portal, and every customer to cancel at deletion. */
	async getBillingAccount(userId: string): Promise<Result<BillingAccount>> {
		return billingAccount(this.env.DB, userId);
	}

	/**
	 * Starts an account's deletion (issue 15 item 4): from now on its plan changes are stored but
	 * reported without a recipient. Answers the billing account, whose customers the deletion cancels.
	 */
	async beginAccountDeletion(userId: string): Promise<Result<BillingAccount>> {
		return beginAccountDeletion(this.env.DB, userId);
	}

	/**
	 * Records a Stripe customer created for the account; the first one set stays (compare-and-set)
	 * and is the answer, so the loser of a race uses the winner's customer.
	 */
	async setStripeCustomer(
		userId: string,
		customerId: string,
	): Promise<Result<{ customerId: string }>> {
		return claimStripeCustomer(this.env.DB, userId, customerId);
	}

	/** Applies a verified, normalised Stripe event once (by event id). */
	async applySubscription(
		eventId: string,
		eventType: string,
		change: SubscriptionChange | null,
	): Promise<Result<AppliedChange>> {
		return applySubscription(planConfig(this.env), eventId, eventType, change);
	}

	// ── custom domains ──────────────────────────────────────────────────────────────────────

	/** Cannot fail (throws only on outage); an account without domains has an empty list. */
	async listDomains(userId: string): Promise<Domain[]> {
		return accountDomains(domainConfig(this.env), userId);
	}

	async claimDomain(userId: string, hostname: string, limit: Limit): Promise<Result<Domain>> {
		return claimAccountDomain(domainConfig(this.env), userId, hostname, limit);
	}

	/** Checks DNS and Cloudflare now; `becameActive` tells Core to send the "domain active" mail. */
	async verifyDomain(
		userId: string,
		domainId: string,
	): Promise<Result<{ domain: Domain; becameActive: boolean }>> {
		return verifyAccountDomain(domainConfig(this.env), userId, domainId);
	}

	async deleteDomain(userId: string, domainId: string): Promise<Result<null>> {
		return deleteDomain(domainConfig(this.env), userId, domainId);
	}

	/**
	 * The periodic re-check (Core's cron), within its time budget; returns the outbox's unsent
	 * domain mails (this run's and earlier refused ones), with their recipients. Cannot fail
	 * (throws only on outage; one broken check is logged and retried by the next run).
	 */
	async recheckDomains(now: number): Promise<DomainMail[]> {
		return recheckAndCollectMails(domainConfig(this.env), now);
	}

	/**
	 * Domain mails the Mailer accepted leave the outbox (the rest are offered again next run).
	 * Cannot fail (throws only on outage).
	 */
	async settleDomainMails(sent: string[]): Promise<void> {
		return settleDomainMails(this.env.DB, sent);
	}

	/**
	 * Rewrites older-format site manifests of up to `limit` accounts after `after` (Core's cron).
	 * Cannot fail (throws only on outage).
	 */
	async upgradeManifests(after: string, limit: number): Promise<ManifestUpgrade> {
		return upgradeManifests(siteConfig(this.env), after, limit);
	}

	// ── pages ───────────────────────────────────────────────────────────────────────────────

	async listPages(userId: string): Promise<Result<Page[]>> {
		return pages.listPages(siteConfig(this.env), userId);
	}

	async getPage(userId: string, pageId: string): Promise<Result<{ page: Page; links: Link[] }>> {
		return pages.getPage(siteConfig(this.env), userId, pageId);
	}

	async createPage(userId: string, input: CreatePageBody, limit: Limit): Promise<Result<Page>> {
		return pages.createPage(siteConfig(this.env), userId, input, limit);
	}

	async updatePage(userId: string, pageId: string, patch: PatchPageBody): Promise<Result<Page>> {
		return pages.updatePage(siteConfig(this.env), userId, pageId, patch);
	}

	async deletePage(userId: string, pageId: string): Promise<Result<null>> {
		return pages.deletePage(siteConfig(this.env), userId, pageId);
	}

	async previewPage(userId: string, pageId: string): Promise<Result<string>> {
		return publish.previewPage(siteConfig(this.env), userId, pageId);
	}

	/**
	 * Publishes the draft. A storage failure on the way (R2 or D1) leaves the previous version
	 * served and answers `unavailable`; publishing again repairs everything.
	 */
	async publishPage(
		userId: string,
		pageId: string,
		options: publish.PublishOptions,
	): Promise<Result<PublishResult>> {
		return publish.tryPublishPage(siteConfig(this.env), userId, pageId, options);
	}

	async unpublishPage(userId: string, pageId: string): Promise<Result<Page>> {
		return publish.unpublishPage(siteConfig(this.env), userId, pageId);
	}

	async listVersions(userId: string, pageId: string): Promise<Result<PageVersion[]>> {
		return pages.listVersions(siteConfig(this.env), userId, pageId);
	}

	async restoreVersion(
		userId: string,
		pageId: string,
		version: number,
	): Promise<Result<PublishResult>> {
		return publish.restoreVersion(siteConfig(this.env), userId, pageId, version);
	}

	// ── links ───────────────────────────────────────────────────────────────────────────────

	async listLinks(userId: string, pageId: string): Promise<Result<Link[]>> {
		return links.listLinks(this.env.DB, userId, pageId);
	}

	async createLink(
		userId: string,
		pageId: string,
		input: CreateLinkBody,
		limit: Limit,
	): Promise<Result<Link>> {
		return links.createLink(this.env.DB, userId, pageId, input, limit);
	}

	async updateLink(
		userId: string,
		pageId: string,
		linkId: string,
		patch: PatchLinkBody,
	): Promise<Result<Link>> {
		return links.updateLink(this.env.DB, userId, pageId, linkId, patch);
	}

	async deleteLink(userId: string, pageId: string, linkId: string): Promise<Result<null>> {
		return links.deleteLink(this.env.DB, userId, pageId, linkId);
	}

	async reorderLinks(userId: string, pageId: string, ids: string[]): Promise<Result<Link[]>> {
		return links.reorderLinks(this.env.DB, userId, pageId, ids);
	}
}

// One log line per call from Core, with its request id (architecture: observability).
traceEntrypoint(CustomerService, "customer");

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<CustomerEnv>;
