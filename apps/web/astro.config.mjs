// @ts-check
// The dashboard is a static site (Cloudflare Pages); in development, Vite proxies /api/* to
// Core so the browser sees one origin, exactly as in production.
import preact from "@astrojs/preact";
import { defineConfig } from "astro/config";

const coreUrl = process.env.CORE_URL ?? "http://localhost:8787";

export default defineConfig({
	output: "static",
	integrations: [preact()],
	server: { port: Number(process.env.WEB_PORT ?? 4321), host: "localhost" },
	devToolbar: { enabled: false },
	telemetry: false,
	vite: {
		server: {
			proxy: { "/api": { target: coreUrl, changeOrigin: false, xfwd: true } },
		},
		// zod reaches the islands through @smartpages/contracts (workspace source). Pre-bundling it at
		// start-up means a first visit never triggers Vite's "new dependency found" page reload.
		optimizeDeps: { include: ["zod"] },
	},
});
