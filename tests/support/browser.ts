/**
 * Chromium for end-to-end tests: Debian's package driven by playwright-core (no downloaded
 * browsers). CHROMIUM_PATH overrides the location; without a browser the suite fails with how
 * to install one, unless SMARTPAGES_SKIP_E2E=1 says to skip (CI never sets it). Beside it, what
 * the dashboard journeys share: fresh contexts, logging in, mail links, axe-core checks and
 * screenshots checked to be non-blank.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { type ApiCaller, apiClient, type Transport } from "@smartpages/contracts/api";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { PASSWORD, randomIp, stack } from "./api.ts";
import { ROOT } from "./binding-table.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath(): string | null {
	const configured = process.env.CHROMIUM_PATH;
	if (configured) return existsSync(configured) ? configured : null;
	return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const skipE2E = process.env.SMARTPAGES_SKIP_E2E === "1";

/**
 * The contract's typed client speaking as the page's own session: Playwright's request context
 * shares the browser context's cookies, and requests go to the dashboard's origin, which forwards
 * /api/v1 to Core, as the app's own fetches do. Every answer is checked against the contract.
 */
export function pageApi(page: Page): ApiCaller {
	const transport: Transport = async ({ method, path, headers, body }) => {
		if (body !== undefined && typeof body !== "string") {
			throw new Error(`pageApi sends JSON only (${method} ${path})`);
		}
		const res = await page.request.fetch(`${stack.urls.web}${path}`, {
			method,
			headers,
			...(body === undefined ? {} : { data: body }),
		});
		const empty = res.status() === 204 || res.status() === 205;
		return new Response(empty ? null : new Uint8Array(await res.body()), {
			status: res.status(),
			headers: res.headers(),
		});
	};
	return apiClient(transport, { validate: true });
}

/**
 * `hostResolverRules` (Chromium's --host-resolver-rules, e.g. "MAP *.example.test 127.0.0.1")
 * lets the browser open custom domains that only exist in the test's imagination.
 */
export async function launchChromium(
	options: { hostResolverRules?: string } = {},
): Promise<Browser> {
	const executablePath = chromiumPath();
	if (!executablePath) {
		throw new Error(
			"No Chromium found for the end-to-end tests. Install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary. To skip these tests explicitly, set SMARTPAGES_SKIP_E2E=1.",
		);
	}
	return chromium.launch({
		executablePath,
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
			...(options.hostResolverRules ? [`--host-resolver-rules=${options.hostResolverRules}`] : []),
		],
	});
}

/**
 * One Chromium for the calling test file: launched before its tests, closed after them. Call it
 * inside the file's `describe`; the returned function gives the running browser.
 */
export function sharedBrowser(options: { hostResolverRules?: string } = {}): () => Browser {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchChromium(options);
	});
	afterAll(async () => {
		await browser?.close();
	});
	return () => {
		if (!browser) throw new Error("Chromium is not running (its launch failed before this test)");
		return browser;
	};
}

/** A fresh browser profile with its own client address (its own rate-limit windows). */
export function newContext(
	browser: Browser,
	options: { locale?: string; width?: number; height?: number } = {},
): Promise<BrowserContext> {
	return browser.newContext({
		locale: options.locale ?? "en-US",
		viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
		extraHTTPHeaders: { "CF-Connecting-IP": randomIp() },
	});
}

/** Logs in through the login form (English) and waits for the dashboard. */
export async function logIn(page: Page, email: string, password = PASSWORD): Promise<void> {
	await page.goto(`${stack.urls.web}/login`);
	await page.getByLabel("E-mail address").fill(email);
	await page.getByLabel("Password").fill(password);
	await page.getByRole("button", { name: "Log in" }).click();
	await page.getByRole("heading", { name: "Your pages" }).waitFor();
}

/** The link of a mail that leads to `path` (with its #token), on the stack's web origin. */
export function mailLink(text: string, path: string): string {
	const found = new RegExp(`https?://[^\\s"<>]+${path}#token=[A-Za-z0-9_-]{43}`).exec(text)?.[0];
	if (!found) throw new Error(`no ${path} link in the mail`);
	const url = new URL(found);
	return new URL(`${url.pathname}${url.hash}`, stack.urls.web).href;
}

const AXE_SOURCE = (() => {
	const require = createRequire(import.meta.url);
	return (require("axe-core") as { source: string }).source;
})();

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: string[];
}

/**
 * Runs axe-core on the current state of the page (WCAG 2.x A/AA rules and best practices) and
 * returns every violation, each with the selectors of the offending nodes.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	if (!(await page.evaluate(() => "axe" in window))) {
		// Evaluated through the DevTools protocol: the dashboard's CSP refuses an injected inline
		// <script> (addScriptTag), and rightly so.
		await page.evaluate(AXE_SOURCE);
	}
	const violations = await page.evaluate(async () => {
		type Result = {
			id: string;
			impact: string | null;
			help: string;
			nodes: { target: unknown[] }[];
		};
		const axe = (
			window as unknown as {
				axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[] }> };
			}
		).axe;
		const result = await axe.run(document, {
			runOnly: {
				type: "tag",
				values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
			},
			resultTypes: ["violations"],
		});
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => n.target.map(String).join(" ")),
		}));
	});
	return violations;
}

/** The serious and critical violations of `axeViolations`. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
	const violations = await axeViolations(page);
	return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Where screenshots of the dashboard go (gitignored, kept by CI as artifacts). */
export const SCREENSHOT_DIR = join(ROOT, "test-results", "screenshots");

/**
 * Saves a full-page screenshot as `{name}.png` and returns how many distinct colours it has
 * (a blank or failed render has one).
 */
export async function screenshot(page: Page, name: string): Promise<number> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const png = await page.screenshot({ fullPage: true, animations: "disabled" });
	writeFileSync(join(SCREENSHOT_DIR, `${name}.png`), png);
	return distinctColours(png);
}

/**
 * Counts the distinct colours of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes):
 * chunks → inflated scanlines → unfiltered pixels. Stops counting at 1,000.
 */
export function distinctColours(png: Buffer): number {
	let offset = 8;
	let width = 0;
	let height = 0;
	let channels = 0;
	const data: Buffer[] = [];
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString("latin1", offset + 4, offset + 8);
		const body = png.subarray(offset + 8, offset + 8 + length);
		if (type === "IHDR") {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			const [depth, colourType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
			if (depth !== 8 || interlace !== 0 || (colourType !== 2 && colourType !== 6)) {
				throw new Error(`unsupported PNG (depth ${depth}, colour type ${colourType})`);
			}
			channels = colourType === 6 ? 4 : 3;
		} else if (type === "IDAT") data.push(body);
		else if (type === "IEND") break;
		offset += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(data));
	const stride = width * channels;
	let previous = Buffer.alloc(stride);
	const colours = new Set<string>();
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
		for (let i = 0; i < stride; i++) {
			const left = i >= channels ? (line[i - channels] ?? 0) : 0;
			const up = previous[i] ?? 0;
			const upLeft = i >= channels ? (previous[i - channels] ?? 0) : 0;
			let add = 0;
			if (filter === 1) add = left;
			else if (filter === 2) add = up;
			else if (filter === 3) add = (left + up) >> 1;
			else if (filter === 4) {
				const p = left + up - upLeft;
				const pa = Math.abs(p - left);
				const pb = Math.abs(p - up);
				const pc = Math.abs(p - upLeft);
				add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
			}
			line[i] = ((line[i] ?? 0) + add) & 0xff;
		}
		// Every 7th pixel is plenty to tell a page from a blank one.
		for (let x = 0; x < width && colours.size < 1000; x += 7) {
			colours.add(line.subarray(x * channels, x * channels + 3).toString("hex"));
		}
		previous = line;
	}
	return colours.size;
}
