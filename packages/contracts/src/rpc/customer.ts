/**
 * Types of the Customer Worker's RPC surface that Core and the Customer Worker share: what a
 * method takes or answers beyond the public API's own shapes.
 */

import type { Published } from "../api/resources";
import type { Plan } from "../plans";
import type { User } from "../schemas/account";
import type { TokenScope } from "../schemas/api-tokens";
import type { Profile } from "../schemas/profile";

/** The stored hash and login counters for a login attempt. */
export interface LoginCredentials {
	userId: string;
	passwordHash: string;
	failedLogins: number;
	lastFailedLoginAt: string | null;
	/** Two-factor sign-in with an authenticator app is on: the password alone gives no session. */
	totpEnabled: boolean;
}

/** An authenticator-app setup in progress: the secret (base32) and the URL of its QR code. */
export interface TotpSetup {
	secret: string;
	otpauthUrl: string;
}

/** Whether two-factor sign-in is on, and how many recovery codes are still unused. */
export interface TwoFactorState {
	totpEnabled: boolean;
	recoveryCodesLeft: number;
}

/** A passkey as verified by Core at registration, for the Customer Worker to store. */
export interface NewPasskey {
	/** The authenticator's credential id, base64url. */
	credentialId: string;
	/** The COSE public key, base64url. */
	publicKey: string;
	signCount: number;
	transports: string[];
	deviceType: "singleDevice" | "multiDevice";
	backedUp: boolean;
	name: string;
}

/** A stored passkey with what a sign-in checks (found by its credential id, any account). */
export interface StoredPasskey extends NewPasskey {
	id: string;
	userId: string;
}

/** What a passkey sign-in changes: the counter it saw and the one to store, the backup flags. */
export interface PasskeyUse {
	id: string;
	/** The counter stored when the assertion was checked; the update applies only while it holds. */
	expectedSignCount: number;
	signCount: number;
	deviceType: "singleDevice" | "multiDevice";
	backedUp: boolean;
	/** SHA-256 of the challenge the assertion signed: one assertion is recorded once. */
	challengeHash: string;
}

/** A new API token as Core made it (issue 21): the secret stays in Core, only its hash travels. */
export interface NewApiToken {
	name: string;
	/** Lower-case hex SHA-256 of the secret. */
	tokenHash: string;
	scopes: TokenScope[];
	/** ISO 8601 UTC; absent for a token that lives until revoked. */
	expiresAt?: string;
}

/** Who a live bearer token acts for and what it may do (Core's bearer middleware). */
export interface ApiTokenPrincipal {
	id: string;
	userId: string;
	scopes: TokenScope[];
}

/** The account as `GET /me` shows it: user, profile and plan. */
export interface AccountSummary {
	user: User;
	profile: Profile;
	plan: Plan;
}

/** A plan limit as decided by Core's paywall, enforced atomically by the Customer Worker. */
export interface Limit {
	max: number;
	plan: string;
}

/** A page just made live (publish or restore): the public API's `Published` answer itself. */
export type PublishResult = Published;

/** A published page whose schedule has a boundary due (issue 18): the cron re-renders it. */
export interface ScheduleDue {
	userId: string;
	pageId: string;
}

/** What re-rendering one due page did: `rendered` when the page's HTML changed. */
export interface ScheduleApplied {
	rendered: boolean;
}
