import { env, exports } from "cloudflare:workers";
import {
	type MethodsWithoutContext,
	methodsWithoutContext,
	rpcMethods,
} from "@smartpages/testing/rpc-surface";
import { describe, expect, expectTypeOf, it } from "vitest";
import { CustomerService } from "../src/index";

/** The customer worker's RPC surface: what Core may call over the binding, and nothing else. */
const ALLOWED = [
	"addPasskey",
	"applySchedule",
	"applySubscription",
	"beginAccountDeletion",
	"beginTotpSetup",
	"claimDomain",
	"createApiToken",
	"createLink",
	"createPage",
	"createUser",
	"deleteAccount",
	"deleteDomain",
	"deleteLink",
	"deletePage",
	"deletePasskey",
	"disableTotp",
	"dueSchedules",
	"enableTotp",
	"exportAccount",
	"findPasskey",
	"getAccount",
	"getBillingAccount",
	"getLoginCredentials",
	"getPage",
	"getPasswordHash",
	"getPlan",
	"getProfile",
	"getTwoFactorState",
	"importPages",
	"issueToken",
	"listApiTokens",
	"listDomains",
	"listLinks",
	"listPages",
	"listPasskeyCredentials",
	"listPasskeys",
	"listVersions",
	"ping",
	"previewPage",
	"previewVersion",
	"publishPage",
	"readStats",
	"recheckDomains",
	"recordLoginResult",
	"recordPasskeyUse",
	"regenerateRecoveryCodes",
	"removeAvatar",
	"removeLinkThumbnail",
	"removePageBackground",
	"renamePasskey",
	"reorderLinks",
	"requestEmailChange",
	"resetPassword",
	"restoreVersion",
	"revokeApiToken",
	"setAvatar",
	"setLinkThumbnail",
	"setLocale",
	"setPageBackground",
	"setPasswordHash",
	"setStripeCustomer",
	"settleDomainMails",
	"statsRollupsDue",
	"storeStatsDay",
	"unpublishPage",
	"updateLink",
	"updatePage",
	"updateProfile",
	"upgradeManifests",
	"useRecoveryCode",
	"verifyApiToken",
	"verifyDomain",
	"verifyEmail",
	"verifyTotp",
];

describe("customer worker surface", () => {
	it("answers every HTTP request with 404 (internal workers have no HTTP surface)", async () => {
		for (const path of ["/", "/ping", "/api/v1/health"]) {
			const res = await exports.default.fetch(new Request(`https://customer.internal${path}`));
			expect(res.status).toBe(404);
		}
	});

	it("ping reaches D1 with the migrated schema", async () => {
		const tables = await env.DB.prepare(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'pages', 'links')",
		).all<{ name: string }>();
		expect(tables.results.map((r) => r.name).sort()).toEqual(["links", "pages", "users"]);
	});
	// #14.17: every method of a WorkerEntrypoint is callable over the service binding, whatever
	// TypeScript says; helpers are module functions. A new RPC method is added here on purpose.
	it("#14.17 offers exactly the allow-listed methods over its binding", () => {
		expect(rpcMethods(CustomerService)).toEqual(ALLOWED);
	});

	// The request context is an explicit first parameter (issue 16), and each method's body runs
	// through `traced` under its own name: its log line names the right method.
	it("every RPC method takes the request context first and runs through traced", () => {
		expectTypeOf<MethodsWithoutContext<CustomerService>>().toBeNever();
		expect(methodsWithoutContext(CustomerService)).toEqual([]);
	});
});
