/**
 * The Customer Worker's configuration, assembled from its bindings and vars once per call: what
 * publishing, custom domains and plan changes need. Module functions, not entrypoint methods:
 * every method of a WorkerEntrypoint is callable over the service binding, and the domain
 * configuration carries the Cloudflare API token.
 */

import type { PlanConfig } from "./billing/plan";
import type { DomainConfig } from "./domains/domains";
import type { SiteConfig } from "./publish/publish";
import type { TwoFactorConfig } from "./two-factor/two-factor";

/** Secrets are set with `wrangler secret put` and so are not part of the generated types. */
export type Env = CustomerEnv & { CF_API_TOKEN?: string; TOTP_ENCRYPTION_KEY?: string };

export function siteConfig(env: Env): SiteConfig {
	return {
		db: env.DB,
		bucket: env.PAGES,
		pagesDomain: env.PAGES_DOMAIN,
		urlTemplate: env.PAGES_URL_TEMPLATE,
		brandingUrl: `${env.APP_ORIGIN}/?ref=badge`,
	};
}

export function domainConfig(env: Env): DomainConfig {
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

/** Everything a plan change reaches: published pages and custom domains (with Cloudflare). */
export function planConfig(env: Env): PlanConfig {
	return { ...siteConfig(env), domains: domainConfig(env) };
}

/** Two-factor sign-in: D1 and the key TOTP secrets are sealed under (./two-factor/secret-box). */
export function twoFactorConfig(env: Env): TwoFactorConfig {
	return { db: env.DB, box: { appOrigin: env.APP_ORIGIN, key: env.TOTP_ENCRYPTION_KEY } };
}
