/**
 * Customer Worker entry: the RPC surface Core calls through its service binding. Every tenant
 * method takes the authenticated user id from Core as its first argument; nothing here trusts an
 * id supplied by a client. There is no HTTP surface: the default fetch handler answers 404.
 */

import { WorkerEntrypoint } from "cloudflare:workers";
import type {
	Attribution,
	CreateLinkBody,
	CreatePageBody,
	Domain,
	Link,
	Locale,
	Page,
	PageVersion,
	PatchLinkBody,
	PatchPageBody,
	PatchProfileBody,
	Plan,
	Profile,
	Result,
	SubscriptionChange,
	TokenPurpose,
	User,
} from "@smartpages/contracts";
import { fail, ok } from "@smartpages/contracts";
import { logEvent, traceEntrypoint } from "@smartpages/contracts/observability";
import { type BillingAccount, billingAccount, claimStripeCustomer } from "./billing/customers";
import { type AppliedChange, applySubscription } from "./billing/plan";
import {
	claimDomain,
	type DomainConfig,
	type DomainMail,
	deleteDomain,
	dueDomainMails,
	listDomains,
	recheckDomains,
	removeDomain,
	settleDomainMails,
	toDomain,
	verifyDomainById,
} from "./domains/domains";
import { createLink, deleteLink, listLinks, reorderLinks, toLink, updateLink } from "./links/store";
import {
	createPage,
	deletePageRow,
	findPage,
	listPages,
	listVersions,
	type PageRow,
	toPage,
	updatePage,
} from "./pages/store";
import { removeAvatar, setAvatar } from "./profile/avatar";
import { findProfile, siteUrl, toProfile } from "./profile/store";
import { updateProfile } from "./profile/update";
import {
	type PublishOptions,
	previewPage,
	publishPage,
	removePublishedPage,
	restoreVersion,
	type SiteConfig,
	unpublishPage,
	writeManifest,
} from "./publish/publish";
import { type ManifestUpgrade, upgradeManifests } from "./publish/upgrade";
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
	markDeletionStarted,
	recordLoginResult,
	setLocale,
	setPasswordHash,
	toPlan,
	toUser,
} from "./users/store";
import { issueToken } from "./users/tokens";

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

/** Secrets are set with `wrangler secret put` and so are not part of the generated types. */
type Env = CustomerEnv & { CF_API_TOKEN?: string };

/**
 * Configuration and output helpers of the entrypoint. Module functions, not methods: every method
 * of a WorkerEntrypoint, TypeScript-`private` or not, is callable over the service binding, and
 * `domainConfig` carries the Cloudflare API token.
 */
function siteConfig(env: Env): SiteConfig {
	return {
		db: env.DB,
		bucket: env.PAGES,
		pagesDomain: env.PAGES_DOMAIN,
		urlTemplate: env.PAGES_URL_TEMPLATE,
		brandingUrl: `${env.APP_ORIGIN}/?ref=badge`,
	};
}

function domainConfig(env: Env): DomainConfig {
	const appHost = new URL(env.APP_ORIGIN).hostname;
	return {
		db: env.DB,
		bucket: env.PAGES,
		dohUrl: env.DOH_URL,
		target: env.CUSTOM_DOMAIN_TARGET,
		cloudflare: { apiBase: env.CF_API_BASE, zoneId: env.CF_ZONE_ID, token: env.CF_API_TOKEN },
		reserved: [env.PAGES_DOMAIN, appHost, env.CUSTOM_DOMAIN_TARGET],
	};
}

async function baseUrl(env: Env, userId: string): Promise<string> {
	const profile = await findProfile(env.DB, userId);
	return siteUrl(profile?.handle ?? "", env.PAGES_DOMAIN, env.PAGES_URL_TEMPLATE);
}

async function pageOut(env: Env, userId: string, row: PageRow): Promise<Page> {
	return toPage(row, { baseUrl: await baseUrl(env, userId) });
}

export class CustomerService extends WorkerEntrypoint<Env> {
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

	async getPlan(userId: string): Promise<Result<Plan>> {
		const row = await findUserById(this.env.DB, userId);
		return row ? ok(toPlan(row)) : fail("not_found", "No such account.");
	}

	async setLocale(userId: string, locale: Locale): Promise<Result<User>> {
		return setLocale(this.env.DB, userId, locale);
	}

	async issueToken(
		userId: string,
		purpose: TokenPurpose,
	): Promise<Result<{ token: string; user: User }>> {
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
		// Custom domains first: their mappings go at once and Cloudflare forgets the hostnames.
		for (const row of await listDomains(this.env.DB, userId))
			await removeDomain(domainConfig(this.env), row);
		return deleteAccount(this.env.DB, this.env.PAGES, userId, this.env.PAGES_DOMAIN);
	}

	// ── profile ─────────────────────────────────────────────────────────────────────────────

	async getProfile(userId: string): Promise<Result<Profile>> {
		const row = await findProfile(this.env.DB, userId);
		if (!row) return fail("not_found", "No such profile.");
		return ok(toProfile(row, this.env.PAGES_DOMAIN, this.env.PAGES_URL_TEMPLATE));
	}

	async updateProfile(userId: string, patch: PatchProfileBody): Promise<Result<Profile>> {
		const result = await updateProfile(
			this.env.DB,
			this.env.PAGES,
			this.env.PAGES_DOMAIN,
			userId,
			patch,
		);
		if (!result.ok) return result;
		return ok(toProfile(result.value, this.env.PAGES_DOMAIN, this.env.PAGES_URL_TEMPLATE));
	}

	/** Stores a new avatar (bytes checked here again: the type comes from the content). */
	async setAvatar(userId: string, bytes: Uint8Array): Promise<Result<Profile>> {
		const result = await setAvatar(siteConfig(this.env), userId, bytes);
		if (!result.ok) return result;
		return ok(toProfile(result.value, this.env.PAGES_DOMAIN, this.env.PAGES_URL_TEMPLATE));
	}

	async removeAvatar(userId: string): Promise<Result<null>> {
		return removeAvatar(siteConfig(this.env), userId);
	}

	// ── billing state ───────────────────────────────────────────────────────────────────────

	/** What Billing needs to open Checkout or the Portal, and every customer to cancel at deletion. */
	async getBillingAccount(userId: string): Promise<Result<BillingAccount>> {
		return billingAccount(this.env.DB, userId);
	}

	/**
	 * Starts an account's deletion (issue 15 item 4): from now on its plan changes are stored but
	 * reported without a recipient, so the webhooks of the subscriptions the deletion cancels send
	 * no plan mail. Answers the billing account, whose customers the deletion cancels.
	 */
	async beginAccountDeletion(userId: string): Promise<Result<BillingAccount>> {
		if (!(await markDeletionStarted(this.env.DB, userId))) {
			return fail("not_found", "No such account.");
		}
		return billingAccount(this.env.DB, userId);
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
		return applySubscription(
			{ ...siteConfig(this.env), domains: domainConfig(this.env) },
			eventId,
			eventType,
			change,
		);
	}

	// ── custom domains ──────────────────────────────────────────────────────────────────────

	async listDomains(userId: string): Promise<Domain[]> {
		return (await listDomains(this.env.DB, userId)).map((r) =>
			toDomain(r, this.env.CUSTOM_DOMAIN_TARGET),
		);
	}

	async claimDomain(userId: string, hostname: string, limit: Limit): Promise<Result<Domain>> {
		const result = await claimDomain(domainConfig(this.env), userId, hostname, limit);
		return result.ok ? ok(toDomain(result.value, this.env.CUSTOM_DOMAIN_TARGET)) : result;
	}

	/** Checks DNS and Cloudflare now; `becameActive` tells Core to send the "domain active" mail. */
	async verifyDomain(
		userId: string,
		domainId: string,
	): Promise<Result<{ domain: Domain; becameActive: boolean }>> {
		const result = await verifyDomainById(domainConfig(this.env), userId, domainId);
		if (!result.ok) return result;
		return ok({
			domain: toDomain(result.value.domain, this.env.CUSTOM_DOMAIN_TARGET),
			becameActive: result.value.becameActive,
		});
	}

	async deleteDomain(userId: string, domainId: string): Promise<Result<null>> {
		return deleteDomain(domainConfig(this.env), userId, domainId);
	}

	/**
	 * The periodic re-check (Core's cron), within its time budget; returns the outbox's unsent
	 * domain mails (this run's and earlier refused ones), with their recipients.
	 */
	async recheckDomains(now: number): Promise<DomainMail[]> {
		await recheckDomains(domainConfig(this.env), now);
		return dueDomainMails(this.env.DB);
	}

	/** Domain mails the Mailer accepted leave the outbox (the rest are offered again next run). */
	async settleDomainMails(sent: string[]): Promise<void> {
		await settleDomainMails(this.env.DB, sent);
	}

	/** Rewrites older-format site manifests of up to `limit` accounts after `after` (Core's cron). */
	async upgradeManifests(after: string, limit: number): Promise<ManifestUpgrade> {
		return upgradeManifests(siteConfig(this.env), after, limit);
	}

	// ── pages ───────────────────────────────────────────────────────────────────────────────

	async listPages(userId: string): Promise<Page[]> {
		const base = { baseUrl: await baseUrl(this.env, userId) };
		return (await listPages(this.env.DB, userId)).map((row) => toPage(row, base));
	}

	async countPages(userId: string): Promise<number> {
		const row = await this.env.DB.prepare("SELECT COUNT(*) AS n FROM pages WHERE user_id = ?")
			.bind(userId)
			.first<{ n: number }>();
		return row?.n ?? 0;
	}

	async getPage(userId: string, pageId: string): Promise<Result<{ page: Page; links: Link[] }>> {
		const row = await findPage(this.env.DB, userId, pageId);
		if (!row) return fail("not_found", "No such page.");
		const links = (await listLinks(this.env.DB, userId, pageId)).map(toLink);
		return ok({ page: await pageOut(this.env, userId, row), links });
	}

	async createPage(userId: string, input: CreatePageBody, limit: Limit): Promise<Result<Page>> {
		const result = await createPage(this.env.DB, userId, input, limit);
		return result.ok ? ok(await pageOut(this.env, userId, result.value)) : result;
	}

	async updatePage(userId: string, pageId: string, patch: PatchPageBody): Promise<Result<Page>> {
		const before = await findPage(this.env.DB, userId, pageId);
		const result = await updatePage(this.env.DB, userId, pageId, patch);
		if (!result.ok) return result;
		// A published page that changes its slug moves to its new address at once.
		if (before && before.slug !== result.value.slug && result.value.status === "published") {
			await writeManifest(siteConfig(this.env), userId);
		}
		return ok(await pageOut(this.env, userId, result.value));
	}

	async deletePage(userId: string, pageId: string): Promise<Result<null>> {
		const row = await deletePageRow(this.env.DB, userId, pageId);
		if (!row) return fail("not_found", "No such page.");
		await removePublishedPage(siteConfig(this.env), userId, pageId);
		return ok(null);
	}

	async previewPage(userId: string, pageId: string): Promise<Result<string>> {
		return previewPage(siteConfig(this.env), userId, pageId);
	}

	/**
	 * Publishes the draft. A storage failure on the way (R2 or D1) leaves the previous version
	 * served and answers `unavailable`; publishing again repairs everything.
	 */
	async publishPage(
		userId: string,
		pageId: string,
		options: PublishOptions,
	): Promise<Result<PublishResult>> {
		try {
			const result = await publishPage(siteConfig(this.env), userId, pageId, options);
			if (!result.ok) return result;
			const page = await pageOut(this.env, userId, result.value.page);
			return ok({ page, version: result.value.version, url: page.publishedUrl ?? "" });
		} catch (error) {
			logEvent("error", "publish failed", { pageId, error: String(error) });
			return fail(
				"unavailable",
				"Publishing failed for a moment; your previous version is still online. Please try again.",
			);
		}
	}

	async unpublishPage(userId: string, pageId: string): Promise<Result<Page>> {
		const result = await unpublishPage(siteConfig(this.env), userId, pageId);
		return result.ok ? ok(await pageOut(this.env, userId, result.value)) : result;
	}

	async listVersions(userId: string, pageId: string): Promise<Result<PageVersion[]>> {
		if (!(await findPage(this.env.DB, userId, pageId))) return fail("not_found", "No such page.");
		return ok(await listVersions(this.env.DB, userId, pageId));
	}

	async restoreVersion(
		userId: string,
		pageId: string,
		version: number,
	): Promise<Result<PublishResult>> {
		const result = await restoreVersion(siteConfig(this.env), userId, pageId, version);
		if (!result.ok) return result;
		const page = await pageOut(this.env, userId, result.value.page);
		return ok({ page, version: result.value.version, url: page.publishedUrl ?? "" });
	}

	// ── links ───────────────────────────────────────────────────────────────────────────────

	async listLinks(userId: string, pageId: string): Promise<Result<Link[]>> {
		if (!(await findPage(this.env.DB, userId, pageId))) return fail("not_found", "No such page.");
		return ok((await listLinks(this.env.DB, userId, pageId)).map(toLink));
	}

	async createLink(
		userId: string,
		pageId: string,
		input: CreateLinkBody,
		limit: Limit,
	): Promise<Result<Link>> {
		const result = await createLink(this.env.DB, userId, pageId, input, limit);
		return result.ok ? ok(toLink(result.value)) : result;
	}

	async updateLink(
		userId: string,
		pageId: string,
		linkId: string,
		patch: PatchLinkBody,
	): Promise<Result<Link>> {
		const result = await updateLink(this.env.DB, userId, pageId, linkId, patch);
		return result.ok ? ok(toLink(result.value)) : result;
	}

	async deleteLink(userId: string, pageId: string, linkId: string): Promise<Result<null>> {
		return deleteLink(this.env.DB, userId, pageId, linkId);
	}

	async reorderLinks(userId: string, pageId: string, ids: string[]): Promise<Result<Link[]>> {
		const result = await reorderLinks(this.env.DB, userId, pageId, ids);
		return result.ok ? ok(result.value.map(toLink)) : result;
	}
}

// One log line per call from Core, with its request id (architecture: observability).
traceEntrypoint(CustomerService, "customer");

/** A plan limit as decided by Core's paywall, enforced atomically here. */
export interface Limit {
	max: number;
	plan: string;
}

export interface PublishResult {
	page: Page;
	version: number;
	url: string;
}

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
} satisfies ExportedHandler<CustomerEnv>;
