/**
 * The dashboard's response headers come from one file, `public/_headers` (Cloudflare Pages'
 * format). This module reads that file for the servers that are not Cloudflare Pages — `astro dev`
 * (astro.config.mjs) and the static server of the system tests (tools/stack) — and fills in the
 * Content-Security-Policy's hashes of the inline scripts and styles that `astro build` emitted.
 * Build and server code only; no screen imports it.
 */

/** One rule of a `_headers` file: a path pattern and the headers of the paths it matches. */
export interface HeaderRule {
	pattern: string;
	headers: [name: string, value: string][];
}

/** Stand-ins in `public/_headers` that `astro build` replaces with the emitted inline hashes. */
export const SCRIPT_HASHES = "{inline-script-hashes}";
export const STYLE_HASHES = "{inline-style-hashes}";

/**
 * Parses Cloudflare Pages' `_headers` format: a line starting with "/" opens a rule, indented
 * "Name: value" lines below it are its headers, "#" starts a comment line.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
	const rules: HeaderRule[] = [];
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (line === "" || line.startsWith("#")) continue;
		if (!/^\s/.test(raw)) {
			rules.push({ pattern: line, headers: [] });
			continue;
		}
		const colon = line.indexOf(":");
		const rule = rules.at(-1);
		if (colon <= 0 || !rule) throw new Error(`_headers: unexpected line ${JSON.stringify(raw)}`);
		rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
	}
	return rules;
}

/** A rule's pattern as a regular expression: "*" matches any run of characters (a splat). */
function patternMatches(pattern: string, pathname: string): boolean {
	const source = pattern
		.split("*")
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
		.join(".*");
	return new RegExp(`^${source}$`).test(pathname);
}

/** The headers for `pathname`: every matching rule's, a repeated name's values joined as Pages does. */
export function headersFor(rules: HeaderRule[], pathname: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const rule of rules) {
		if (!patternMatches(rule.pattern, pathname)) continue;
		for (const [name, value] of rule.headers) {
			const key = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
			out[key] = out[key] ? `${out[key]}, ${value}` : value;
		}
	}
	return out;
}

/** Rewrites one directive of a CSP (adding it when missing). */
function editDirective(csp: string, name: string, edit: (sources: string[]) => string[]): string {
	const directives = csp
		.split(";")
		.map((d) => d.trim())
		.filter(Boolean);
	const index = directives.findIndex((d) => d.split(/\s+/)[0] === name);
	const sources = index >= 0 ? (directives[index] ?? "").split(/\s+/).slice(1) : [];
	const next = [name, ...edit(sources)].join(" ");
	if (index >= 0) directives[index] = next;
	else directives.push(next);
	return directives.join("; ");
}

function editCsp(
	headers: Record<string, string>,
	edit: (csp: string) => string,
): Record<string, string> {
	const out = { ...headers };
	for (const name of Object.keys(out)) {
		if (name.toLowerCase() === "content-security-policy") out[name] = edit(out[name] ?? "");
	}
	return out;
}

/**
 * For servers on this machine, which speak plain HTTP: no HSTS (RFC 6797 forbids it over HTTP),
 * and published pages (and so avatars) are served over HTTP on `*.localhost`, which the production
 * policy rightly does not allow.
 */
export function localHeaders(headers: Record<string, string>): Record<string, string> {
	const local = Object.fromEntries(
		Object.entries(headers).filter(([name]) => name.toLowerCase() !== "strict-transport-security"),
	);
	return editCsp(local, (csp) =>
		editDirective(csp, "img-src", (s) => [...s, "http://localhost:*", "http://*.localhost:*"]),
	);
}

/**
 * For `astro dev` only: Vite injects inline module scripts and styles whose content changes with
 * every edit, and reloads over a WebSocket, so inline code is allowed there instead of hashed.
 * Everything else, `frame-ancestors 'none'` included, stays as in production.
 */
export function devHeaders(headers: Record<string, string>): Record<string, string> {
	return editCsp(localHeaders(headers), (csp) => {
		const inline = (sources: string[]) => [
			...sources.filter((s) => s !== SCRIPT_HASHES && s !== STYLE_HASHES),
			"'unsafe-inline'",
		];
		const withInline = editDirective(editDirective(csp, "script-src", inline), "style-src", inline);
		return editDirective(withInline, "connect-src", (s) => [...s, "ws:"]);
	});
}

/** Base64 SHA-256 of `text` as a CSP source ('sha256-…'). */
export async function cspHash(text: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
	let binary = "";
	for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
	return `'sha256-${btoa(binary)}'`;
}

/** The CSP hashes of an HTML document's inline `<script>` (without `src`) and `<style>` elements. */
export async function inlineHashes(html: string): Promise<{ script: string[]; style: string[] }> {
	const script: string[] = [];
	const style: string[] = [];
	for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
		if (/\ssrc\s*=/i.test(match[1] ?? "")) continue;
		script.push(await cspHash(match[2] ?? ""));
	}
	for (const match of html.matchAll(/<style(\s[^>]*)?>([\s\S]*?)<\/style>/gi)) {
		style.push(await cspHash(match[2] ?? ""));
	}
	return { script, style };
}

/** `_headers` with the hash stand-ins replaced by the given sources (sorted, without repeats). */
export function fillInlineHashes(text: string, hashes: { script: string[]; style: string[] }) {
	const list = (sources: string[]) => [...new Set(sources)].sort().join(" ");
	return text
		.split("\n")
		.map((line) =>
			// Comments may name the stand-ins; only header lines are filled.
			line.trimStart().startsWith("#")
				? line
				: line
						.replaceAll(SCRIPT_HASHES, list(hashes.script))
						.replaceAll(STYLE_HASHES, list(hashes.style)),
		)
		.join("\n");
}
