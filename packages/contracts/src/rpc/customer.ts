/**
 * Types of the Customer Worker's RPC surface that Core and the Customer Worker share: what a
 * method takes or answers beyond the public API's own shapes.
 */

import type { Published } from "../api/resources";
import type { Plan } from "../plans";
import type { User } from "../schemas/account";
import type { Profile } from "../schemas/profile";

/** The stored hash and login counters for a login attempt. */
export interface LoginCredentials {
	userId: string;
	passwordHash: string;
	failedLogins: number;
	lastFailedLoginAt: string | null;
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
