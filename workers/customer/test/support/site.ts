/** The publishing configuration the Customer Worker's tests use: the real local D1 and R2. */
import { env } from "cloudflare:workers";
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
