declare namespace Cloudflare {
	// Types `exports` from "cloudflare:workers" in tests (wrangler types runs without the main module
	// so that Core can include its neighbours' generated types).
	interface GlobalProps {
		mainModule: typeof import("../src/index");
	}
	interface Env {
		TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
		TEST_DB: D1Database;
		TEST_PAGES: R2Bucket;
		TEST_CLOUD: { mail: number; stripe: number; dns: number; stats: number };
	}
}
