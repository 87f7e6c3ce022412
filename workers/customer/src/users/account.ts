/**
 * Account-level operations that span several tables: the account as Core reads it (summary, plan,
 * login credentials), confirming addresses, resetting passwords, exporting everything stored
 * about an account, and deleting all of it (D1 and R2). The SQL is each table's store's.
 */
import {
	type AccountSummary,
	EXPORT_FORMAT,
	EXPORT_VERSION,
	fail,
	type LoginCredentials,
	ok,
	type Plan,
	type Result,
	r2Keys,
	type TokenPurpose,
	type User,
} from "@smartpages/contracts";
import { exportStatement as apiTokensExport, exportedToken } from "../api-tokens/store";
import { type DomainConfig, listDomains, removeDomain } from "../domains/domains";
import { exportStatement as domainsExport } from "../domains/store";
import { nowIso } from "../lib/clock";
import { deletePrefix } from "../lib/r2";
import { isUniqueViolation } from "../lib/sql";
import { exportStatement as linksExport } from "../links/store";
import { exportStatements as pagesExport } from "../pages/store";
import {
	type PasskeyExportRow,
	exportStatement as passkeysExport,
	toPasskey,
} from "../passkeys/store";
import { exportStatements as profileExport, siteUrl, toProfile } from "../profile/store";
import { ownedHandles, removeOwnMappings, syncSubdomain } from "../profile/subdomain";
import { exportStatement as statsExport } from "../stats/store";
import { loadTenant, type SiteAddress } from "../tenant";
import { findTotp, exportStatements as twoFactorExport } from "../two-factor/store";
import { readableRow, readableRows } from "./export-document";
import {
	changeEmailStatement,
	deleteUserRow,
	findUserByEmail,
	findUserById,
	markEmailVerifiedStatement,
	resetPasswordStatement,
	toPlan,
	toUser,
	type UserRow,
} from "./store";
import {
	endTokensStatement,
	findUsableToken,
	issueToken,
	usedInThisBatch,
	useTokenStatement,
} from "./tokens";

const NO_ACCOUNT = () => fail("not_found", "No such account.");

/** The account as `GET /me` shows it: user, profile and plan. */
export async function getAccount(
	db: D1Database,
	site: SiteAddress,
	userId: string,
): Promise<Result<AccountSummary>> {
	const tenant = await loadTenant(db, site, userId);
	if (!tenant) return NO_ACCOUNT();
	return ok({
		user: toUser(tenant.user),
		profile: toProfile(tenant.profile, site.pagesDomain, site.urlTemplate),
		plan: tenant.plan,
	});
}

export async function getPlan(db: D1Database, userId: string): Promise<Result<Plan>> {
	const row = await findUserById(db, userId);
	return row ? ok(toPlan(row)) : NO_ACCOUNT();
}

/** The stored hash for a login attempt; `not_found` for an unknown address. */
export async function getLoginCredentials(
	db: D1Database,
	email: string,
): Promise<Result<LoginCredentials>> {
	const row = await findUserByEmail(db, email);
	if (!row) return NO_ACCOUNT();
	const totp = await findTotp(db, row.id);
	return ok({
		userId: row.id,
		passwordHash: row.password_hash,
		failedLogins: row.failed_logins,
		lastFailedLoginAt: row.last_failed_login_at,
		totpEnabled: Boolean(totp?.enabled_at),
	});
}

/** The account's stored password hash (re-authentication); `not_found` without the account. */
export async function getPasswordHash(db: D1Database, userId: string): Promise<Result<string>> {
	const row = await findUserById(db, userId);
	return row ? ok(row.password_hash) : NO_ACCOUNT();
}

/** A new single-use token for the account, with the user it is mailed to. */
export async function issueAccountToken(
	db: D1Database,
	userId: string,
	purpose: TokenPurpose,
): Promise<Result<{ token: string; user: User }>> {
	const row = await findUserById(db, userId);
	if (!row) return NO_ACCOUNT();
	const token = await issueToken(db, userId, purpose);
	return ok({ token, user: toUser(row) });
}

export interface VerifiedEmail {
	user: User;
	/** The plan chosen at sign-up (marketing deep link), to continue into checkout. */
	signupPlan?: "pro";
	/** Set when the token confirmed a change of address: the address that was replaced. */
	previousEmail?: string;
	firstVerification: boolean;
}

function invalidLink<T>(): Result<T> {
	return fail("validation_failed", "This link is invalid or has expired.", {
		fields: { token: "is invalid, expired or already used" },
	});
}

/**
 * Confirms an address: a sign-up verification token or an e-mail change token. The token's use
 * and the change it authorises are one batch: when the new address was taken meanwhile (the
 * unique index decides, also between two concurrent confirmations), nothing is written, the
 * answer is `conflict`, and the link stays usable.
 */
export async function verifyEmail(
	db: D1Database,
	token: string,
	now: number = Date.now(),
): Promise<Result<VerifiedEmail>> {
	const found = await findUsableToken(db, token, ["verify_email", "email_change"], now);
	if (!found) return invalidLink();
	const before = await findUserById(db, found.userId);
	if (!before) return invalidLink();
	const guard = usedInThisBatch(found.hash, now);
	const use = useTokenStatement(db, found.hash, [found.purpose], now);

	if (found.purpose === "email_change") {
		if (!found.payload) return invalidLink();
		let results: D1Result[];
		try {
			results = await db.batch([
				use,
				changeEmailStatement(db, found.userId, found.credentialsVersion, found.payload, guard, now),
				// An e-mail event: every other link mailed before it ends (reset, other changes).
				endTokensStatement(db, found.userId, now, guard),
			]);
		} catch (error) {
			if (isUniqueViolation(error, "users.email"))
				return fail("conflict", "This address belongs to another account now.");
			throw error;
		}
		const row = appliedRow(results);
		if (!row) return invalidLink();
		return ok({ user: toUser(row), previousEmail: before.email, firstVerification: false });
	}

	const row = appliedRow(
		await db.batch([use, markEmailVerifiedStatement(db, found.userId, guard, now)]),
	);
	if (!row) return invalidLink();
	const attribution = row.attribution ? (JSON.parse(row.attribution) as { plan?: string }) : {};
	return ok({
		user: toUser(row),
		firstVerification: before.email_verified_at === null,
		...(attribution.plan === "pro" && row.plan_id !== "pro" ? { signupPlan: "pro" as const } : {}),
	});
}

/**
 * Sets a new password with a reset token (once). One batch: the token's use, the new hash with
 * the next credentials version, and the end of every other outstanding link.
 */
export async function resetPassword(
	db: D1Database,
	token: string,
	passwordHash: string,
	now: number = Date.now(),
): Promise<Result<User>> {
	const found = await findUsableToken(db, token, ["password_reset"], now);
	if (!found) return invalidLink();
	const guard = usedInThisBatch(found.hash, now);
	const results = await db.batch([
		useTokenStatement(db, found.hash, ["password_reset"], now),
		resetPasswordStatement(db, found.userId, found.credentialsVersion, passwordHash, guard, now),
		endTokensStatement(db, found.userId, now, guard),
	]);
	const row = appliedRow(results);
	return row ? ok(toUser(row)) : invalidLink();
}

/** The account row a token batch changed: only when the token's use (first) and the change (second) both applied. */
function appliedRow(results: D1Result[]): UserRow | null {
	const used = results[0]?.results[0];
	const row = results[1]?.results[0] as UserRow | undefined;
	return used && row ? row : null;
}

/**
 * Starts a change of address: a token for the new address, unless another account has it. Only
 * from a confirmed address, so throw-away accounts cannot mail arbitrary addresses (SP-07), and
 * an account signed up with somebody else's address cannot be moved away before its owner
 * recovers it (SP-02).
 */
export async function requestEmailChange(
	db: D1Database,
	userId: string,
	newEmail: string,
): Promise<Result<{ token: string | null; user: User }>> {
	const row = await findUserById(db, userId);
	if (!row) return fail("not_found", "No such account.");
	if (row.email_verified_at === null) {
		return fail(
			"email_not_verified",
			"Please confirm your current e-mail address before changing it.",
		);
	}
	if (newEmail === row.email) {
		return fail("validation_failed", "This is already your address.", {
			fields: { newEmail: "is already your address" },
		});
	}
	// Taken addresses get no token, but the same 202 answer (no enumeration through this form).
	if (await findUserByEmail(db, newEmail)) return ok({ token: null, user: toUser(row) });
	const token = await issueToken(db, userId, "email_change", newEmail);
	return ok({ token, user: toUser(row) });
}

/**
 * Everything stored about an account, as one readable JSON document (no secrets, no hashes):
 * camelCase fields, JSON columns nested, images with their public address (export-document.ts;
 * the shape is documented in docs/export.md).
 */
export async function exportAccount(
	db: D1Database,
	site: SiteAddress,
	userId: string,
): Promise<Result<unknown>> {
	const row = await findUserById(db, userId);
	if (!row) return fail("not_found", "No such account.");
	const [profileStatement, assetsStatement] = profileExport(db, userId);
	const [pagesStatement, versionsStatement] = pagesExport(db, userId);
	const [totpStatement, codesStatement] = twoFactorExport(db, userId);
	const [
		profile,
		pages,
		links,
		versions,
		assets,
		domains,
		statsDaily,
		passkeys,
		totp,
		codes,
		tokens,
	] = await db.batch<Record<string, unknown>>([
		profileStatement,
		pagesStatement,
		linksExport(db, userId),
		versionsStatement,
		assetsStatement,
		domainsExport(db, userId),
		statsExport(db, userId),
		passkeysExport(db, userId),
		totpStatement,
		codesStatement,
		apiTokensExport(db, userId),
	]);
	const totpEnabled = (totp?.results.length ?? 0) > 0;
	const codesLeft = (codes?.results[0] as { n?: number } | undefined)?.n ?? 0;
	const profileRow = profile?.results[0] ?? null;
	const handle = typeof profileRow?.handle === "string" ? profileRow.handle : null;
	const assetUrl = handle
		? (key: string) => `${siteUrl(handle, site.pagesDomain, site.urlTemplate)}/_assets/${key}`
		: null;
	const readable = (rows: Record<string, unknown>[] | undefined) =>
		readableRows(rows ?? [], assetUrl);
	return ok({
		// Issue 21: the document says what it is, so an import can recognise and version it.
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: nowIso(),
		user: {
			...toUser(row),
			emailVerifiedAt: row.email_verified_at,
			attribution: row.attribution ? JSON.parse(row.attribution) : null,
			updatedAt: row.updated_at,
		},
		plan: toPlan(row),
		profile: profileRow ? readableRow(profileRow, assetUrl) : null,
		pages: readable(pages?.results),
		links: readable(links?.results),
		publishedVersions: readable(versions?.results),
		assets: readable(assets?.results).map((asset) => ({
			...asset,
			...(assetUrl && typeof asset.name === "string" ? { url: assetUrl(asset.name) } : {}),
		})),
		domains: readable(domains?.results),
		statsDaily: readable(statsDaily?.results),
		// Names and dates only: no public key, counter, TOTP secret or recovery code.
		passkeys: (passkeys?.results ?? []).map((p) => toPasskey(p as unknown as PasskeyExportRow)),
		twoFactor: { totpEnabled, recoveryCodesLeft: totpEnabled ? codesLeft : 0 },
		// Issue 21: names, scopes and dates; the hash of a secret is never exported.
		apiTokens: (tokens?.results ?? []).map(exportedToken),
	});
}

/**
 * Deletes the account: published content and host mappings in R2 first (so nothing stays online),
 * then every row (foreign keys cascade from users). The mappings are every handle's the account
 * ever recorded that still points at its site, not only the current handle's; once the rows are
 * gone those handles are synced from D1 again, which settles a mapping a concurrent write put back.
 */
export async function deleteAccount(
	db: D1Database,
	bucket: R2Bucket,
	userId: string,
	pagesDomain: string,
): Promise<Result<{ email: string; locale: User["locale"] }>> {
	const row = await findUserById(db, userId);
	if (!row) return fail("not_found", "No such account.");
	const site = { db, bucket, pagesDomain };
	const handles = await ownedHandles(site, userId);
	await removeOwnMappings(site, userId, handles);
	await deletePrefix(bucket, r2Keys.sitePrefix(userId));
	await deleteUserRow(db, userId);
	for (const handle of handles) await syncSubdomain(site, handle);
	return ok({ email: row.email, locale: row.locale });
}

/**
 * Deletes the account for Core: its custom domains first (their mappings go at once and
 * Cloudflare forgets the hostnames), then everything else (`deleteAccount`).
 */
export async function deleteAccountWithDomains(
	domains: DomainConfig,
	pagesDomain: string,
	userId: string,
): Promise<Result<{ email: string; locale: User["locale"] }>> {
	for (const row of await listDomains(domains.db, userId)) await removeDomain(domains, row);
	return deleteAccount(domains.db, domains.bucket, userId, pagesDomain);
}
