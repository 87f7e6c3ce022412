declare namespace Cloudflare {
	// Types `exports` from "cloudflare:workers" in tests (wrangler types runs without the main module
	// so that Core can include its neighbours' generated types).
	interface GlobalProps {
		mainModule: typeof import("../src/index");
	}
}

// Vite's `?raw` imports: a file's text (the tests read wrangler.jsonc's consumer settings).
declare module "*?raw" {
	const text: string;
	export default text;
}
