/** Response shapes of the Core endpoints the dashboard reads (the contract's types, assembled). */
import type { Entitlements, Link, Page, Plan, Profile, User } from "@smartpages/contracts";

export type { Link, Page, Profile, User };

/** GET /api/v1/me */
export interface Me {
	user: User;
	profile: Profile;
	plan: Plan;
	entitlements: Entitlements;
}
