/**
 * Serves the production build of the web app the way Cloudflare Pages does (clean URLs,
 * 404.html, the response headers of the build's `_headers` file) and forwards /api/* to Core on
 * the same origin, as the deployed route does. Tests use it so they exercise the built site and
 * can run while `npm run dev` (astro dev) is up.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { Readable } from "node:stream";
import {
	type HeaderRule,
	headersFor,
	localHeaders,
	parseHeadersFile,
} from "../../../apps/web/src/lib/security-headers.ts";

const TYPES: Record<string, string> = {
	".html": "text/html; charset=utf-8",
	".js": "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".svg": "image/svg+xml",
	".png": "image/png",
	".ico": "image/x-icon",
	".json": "application/json",
	".webmanifest": "application/manifest+json",
	".txt": "text/plain; charset=utf-8",
	".woff2": "font/woff2",
};

const CONFIG_FILES = new Set(["/_headers", "/_redirects", "/_routes.json"]);

// Hop-by-hop headers are not forwarded (RFC 9110 §7.6.1).
const HOP = new Set([
	"connection",
	"keep-alive",
	"transfer-encoding",
	"upgrade",
	"proxy-connection",
	"te",
	"trailer",
]);

function resolveFile(root: string, pathname: string): string | null {
	const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, "");
	const base = resolve(root, `.${safe}`);
	if (!base.startsWith(root)) return null;
	for (const candidate of [base, join(base, "index.html"), `${base}.html`]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

async function proxy(req: IncomingMessage, res: ServerResponse, coreUrl: string): Promise<void> {
	const headers = new Headers();
	for (const [k, v] of Object.entries(req.headers)) {
		if (v === undefined || HOP.has(k) || k === "host") continue;
		headers.set(k, Array.isArray(v) ? v.join(", ") : v);
	}
	const hasBody = req.method !== "GET" && req.method !== "HEAD";
	const upstream = await fetch(`${coreUrl}${req.url ?? "/"}`, {
		method: req.method,
		headers,
		body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
		redirect: "manual",
		...(hasBody ? { duplex: "half" } : {}),
	} as RequestInit);
	const out: Record<string, string | string[]> = {};
	upstream.headers.forEach((value, key) => {
		if (
			!HOP.has(key) &&
			key !== "set-cookie" &&
			key !== "content-encoding" &&
			key !== "content-length"
		)
			out[key] = value;
	});
	const cookies = upstream.headers.getSetCookie();
	if (cookies.length > 0) out["set-cookie"] = cookies;
	const body = Buffer.from(await upstream.arrayBuffer());
	out["content-length"] = String(body.length);
	res.writeHead(upstream.status, out);
	res.end(body);
}

export interface StaticWeb {
	port: number;
	close(): Promise<void>;
}

export async function serveStaticWeb(
	distDir: string,
	port: number,
	coreUrl: string,
): Promise<StaticWeb> {
	const root = resolve(distDir);
	// The same file Cloudflare Pages reads (apps/web/public/_headers, hashes filled in by the build).
	const headersFile = join(root, "_headers");
	const rules: HeaderRule[] = existsSync(headersFile)
		? parseHeadersFile(readFileSync(headersFile, "utf8"))
		: [];
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? "/", "http://localhost");
		if (url.pathname.startsWith("/api/")) {
			proxy(req, res, coreUrl).catch(() => {
				if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
				res.end("Bad gateway");
			});
			return;
		}
		// Like Pages, the configuration files of the build are read, never served.
		const file = CONFIG_FILES.has(url.pathname) ? null : resolveFile(root, url.pathname);
		const notFound = join(root, "404.html");
		const path = file ?? (existsSync(notFound) ? notFound : null);
		if (!path) {
			res
				.writeHead(404, {
					...localHeaders(headersFor(rules, url.pathname)),
					"Content-Type": "text/plain",
				})
				.end("Not found");
			return;
		}
		res.writeHead(file ? 200 : 404, {
			...localHeaders(headersFor(rules, url.pathname)),
			"Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
			"X-Content-Type-Options": "nosniff",
		});
		if (req.method === "HEAD") res.end();
		else createReadStream(path).pipe(res);
	});
	await new Promise<void>((ok, fail) => {
		server.once("error", fail);
		server.listen(port, "127.0.0.1", () => ok());
	});
	return {
		port,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
