declare namespace Cloudflare {
	// Types `exports` from "cloudflare:workers" in tests (wrangler types runs without the main module
	// so that Core can include its neighbours' generated types).
	interface GlobalProps {
		mainModule: typeof import("../src/index");
	}
	interface Env {
		/** The Stripe stand-in's base URL, for tests that look behind the worker. */
		TEST_STRIPE: string;
	}
}
