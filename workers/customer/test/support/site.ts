/**
 * The publishing and custom-domain configurations the Customer Worker's tests use: the real local
 * D1 and R2, and the DNS and Cloudflare stand-ins.
 */
import { env } from "cloudflare:workers";
import type { DomainConfig } from "../../src/domains/domains";
import type { SiteConfig } from "../../src/publish/publish";

/** Local dev's pages domain and URLs; tests swap in a faulty D1 or R2 through `overrides`. */
export function testSite(overrides: Partial<SiteConfig> = {}): SiteConfig {
	return {
		db: env.DB,
		bucket: env.PAGES,
		pagesDomain: "localhost",
		urlTemplate: "http://{host}:8788",
		brandingUrl: "http://localhost:4321/",
		...overrides,
	};
}

/** Custom domains against the stand-ins (a plan change releases and registers hostnames). */
export function testDomains(overrides: Partial<DomainConfig> = {}): DomainConfig {
	return {
		db: env.DB,
		bucket: env.PAGES,
		dohUrl: env.DOH_URL,
		target: env.CUSTOM_DOMAIN_TARGET,
		cloudflare: { apiBase: env.CF_API_BASE, zoneId: "zone_test", token: undefined },
		reserved: ["localhost"],
		...overrides,
	};
}
