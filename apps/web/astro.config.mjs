// @ts-check
// The dashboard is a static site (Cloudflare Pages); in development, Vite proxies /api/* to
// Core so the browser sees one origin, exactly as in production. Its response headers (CSP with
// frame-ancestors 'none', HSTS, …) come from public/_headers, in development too.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import preact from "@astrojs/preact";
import { defineConfig } from "astro/config";
import {
	devHeaders,
	fillInlineHashes,
	headersFor,
	inlineHashes,
	parseHeadersFile,
} from "./src/lib/security-headers.ts";

const coreUrl = process.env.CORE_URL ?? "http://localhost:8787";
const HEADERS_FILE = fileURLToPath(new URL("./public/_headers", import.meta.url));

/** `astro dev` answers with the headers of public/_headers (read per request: edits apply at once). */
function devSecurityHeaders() {
	/** @type {import("vite").Plugin} */
	const plugin = {
		name: "smartpages-dev-security-headers",
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const path = new URL(req.url ?? "/", "http://localhost").pathname;
				// /api/* is Core's, proxied: it keeps Core's own headers, as in production.
				if (!path.startsWith("/api/")) {
					const rules = parseHeadersFile(readFileSync(HEADERS_FILE, "utf8"));
					for (const [name, value] of Object.entries(devHeaders(headersFor(rules, path))))
						res.setHeader(name, value);
				}
				next();
			});
		},
	};
	return plugin;
}

/** After `astro build`: the built _headers allows exactly the inline scripts and styles emitted. */
function inlineHashesIntoHeaders() {
	/** @type {import("astro").AstroIntegration} */
	const integration = {
		name: "smartpages-csp-inline-hashes",
		hooks: {
			"astro:build:done": async ({ dir }) => {
				const out = fileURLToPath(dir);
				const hashes = {
					script: /** @type {string[]} */ ([]),
					style: /** @type {string[]} */ ([]),
				};
				const pages = readdirSync(out, { recursive: true, encoding: "utf8" });
				for (const page of pages.filter((p) => p.endsWith(".html"))) {
					const found = await inlineHashes(readFileSync(join(out, page), "utf8"));
					hashes.script.push(...found.script);
					hashes.style.push(...found.style);
				}
				const file = join(out, "_headers");
				writeFileSync(file, fillInlineHashes(readFileSync(file, "utf8"), hashes));
			},
		},
	};
	return integration;
}

export default defineConfig({
	output: "static",
	integrations: [preact(), inlineHashesIntoHeaders()],
	server: { port: Number(process.env.WEB_PORT ?? 4321), host: "localhost" },
	devToolbar: { enabled: false },
	telemetry: false,
	vite: {
		plugins: [devSecurityHeaders()],
		server: {
			proxy: { "/api": { target: coreUrl, changeOrigin: false, xfwd: true } },
		},
		// zod reaches the islands through @smartpages/contracts (workspace source). Pre-bundling it at
		// start-up means a first visit never triggers Vite's "new dependency found" page reload.
		optimizeDeps: { include: ["zod"] },
	},
});
