/**
 * The dashboard's response headers (issue 14.15), from the one source apps/web/public/_headers:
 * the production build as the system stack serves it, `astro dev`, and Chromium running the
 * dashboard under that policy without a single violation (login, dashboard, editor with its
 * preview, profile with an avatar, domains, billing, account) and refusing to frame it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineHashes } from "../../apps/web/src/lib/security-headers.ts";
import { freePort } from "../../tools/stack/src/index.ts";
import { stack, verifiedAccount } from "../support/api.ts";
import { ROOT } from "../support/binding-table.ts";
import { logIn, newContext, sharedBrowser, skipE2E } from "../support/browser.ts";

const SCREENS = ["/", "/login", "/signup", "/pages/edit", "/profile", "/billing", "/de/account"];

/** A CSP as a map of directive → sources. */
function directives(csp: string | null): Map<string, string[]> {
	const map = new Map<string, string[]>();
	for (const part of (csp ?? "").split(";")) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) map.set(name, sources);
	}
	return map;
}

describe("the built dashboard (system stack)", () => {
	it.each(SCREENS)(
		"#14.15 %s forbids framing and allows only its own inline code",
		async (path) => {
			const res = await fetch(`${stack.urls.web}${path}`);
			expect(res.status).toBe(200);
			expect(res.headers.get("x-frame-options")).toBe("DENY");
			const csp = directives(res.headers.get("content-security-policy"));
			expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
			expect(csp.get("default-src")).toEqual(["'none'"]);
			// Every inline script and style of the page is allowed by its hash, and nothing else inline.
			const found = await inlineHashes(await res.text());
			for (const hash of found.script) expect(csp.get("script-src")).toContain(hash);
			for (const hash of found.style) expect(csp.get("style-src")).toContain(hash);
			expect(res.headers.get("content-security-policy")).not.toMatch(/unsafe-|\{inline-/);
		},
	);

	it("#14.15 scripts, styles and the 404 page carry the headers too; _headers itself is not served", async () => {
		const html = await (await fetch(`${stack.urls.web}/login`)).text();
		const asset = /"(\/_astro\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
		expect(asset).toBeDefined();
		for (const path of [asset ?? "", "/no-such-screen"]) {
			const res = await fetch(`${stack.urls.web}${path}`);
			expect(directives(res.headers.get("content-security-policy")).get("frame-ancestors")).toEqual(
				["'none'"],
			);
		}
		expect((await fetch(`${stack.urls.web}/_headers`)).status).toBe(404);
	});

	it("the API on the same origin keeps Core's own headers", async () => {
		const res = await fetch(`${stack.urls.web}/api/v1/health`);
		expect(res.headers.get("content-security-policy")).toBe(
			"default-src 'none'; frame-ancestors 'none'",
		);
	});
});

describe("astro dev", () => {
	let dev: ChildProcess | undefined;
	let origin = "";

	beforeAll(async () => {
		const require = createRequire(import.meta.url);
		const astroDir = dirname(
			require.resolve("astro/package.json", { paths: [join(ROOT, "apps/web")] }),
		);
		const port = await freePort();
		origin = `http://localhost:${port}`;
		// --ignore-lock: a developer's own `astro dev` in this checkout stays untouched.
		const args = ["dev", "--port", String(port), "--host", "localhost", "--ignore-lock"];
		dev = spawn(process.execPath, [join(astroDir, "bin/astro.mjs"), ...args], {
			cwd: join(ROOT, "apps/web"),
			// Without the test runner's variables: under VITEST=true, Astro serves no pages.
			env: {
				...Object.fromEntries(
					Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")),
				),
				CORE_URL: stack.urls.core,
				ASTRO_TELEMETRY_DISABLED: "1",
			},
			stdio: ["ignore", "pipe", "pipe"],
		});
		let output = "";
		dev.stdout?.on("data", (chunk) => {
			output += String(chunk);
		});
		dev.stderr?.on("data", (chunk) => {
			output += String(chunk);
		});
		for (let i = 0; i < 300 && dev.exitCode === null; i++) {
			const up = await fetch(`${origin}/login`).then(
				(r) => r.ok,
				() => false,
			);
			if (up) return;
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`astro dev did not answer within 60 s:\n${output.slice(-2000)}`);
	}, 90_000);

	afterAll(() => {
		dev?.kill();
	});

	it.each(["/login", "/pages/edit", "/de/billing"])(
		"#14.15 %s forbids framing under astro dev as well",
		async (path) => {
			const res = await fetch(`${origin}${path}`);
			expect(res.status).toBe(200);
			expect(res.headers.get("x-frame-options")).toBe("DENY");
			const csp = directives(res.headers.get("content-security-policy"));
			expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
			expect(csp.get("object-src")).toEqual(["'none'"]);
		},
	);
});

// A 1×1 PNG, for an avatar served from the account's subdomain (another origin).
const PNG = Uint8Array.from(
	Buffer.from(
		"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
		"base64",
	),
);

/** Collects the page's CSP violations (the DOM event and the console's "Refused to …" lines). */
async function watchViolations(page: Page): Promise<string[]> {
	const seen: string[] = [];
	page.on("console", (message) => {
		if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
	});
	await page.exposeFunction("__reportCspViolation", (text: string) => seen.push(text));
	await page.addInitScript(() => {
		document.addEventListener("securitypolicyviolation", (event) => {
			const report = (window as unknown as { __reportCspViolation: (t: string) => void })
				.__reportCspViolation;
			report(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile})`);
		});
	});
	return seen;
}

describe.skipIf(skipE2E)("the dashboard in Chromium under its CSP", () => {
	const browser = sharedBrowser();

	it("#14.15 works without a CSP violation on every screen", async () => {
		const account = await verifiedAccount();
		const upload = await account.api.call("PUT /profile/avatar", {
			body: PNG,
			contentType: "image/png",
		});
		expect(upload.status).toBe(200);
		const created = await account.api.call("POST /pages", {
			body: {
				title: "Under the policy",
			},
		});
		await account.api.call("POST /pages/:id/links", {
			params: { id: created.body.page.id },
			body: {
				title: "Shop",
				url: "https://example.com/shop",
			},
		});
		const context = await newContext(browser());
		const page = await context.newPage();
		const violations = await watchViolations(page);

		await logIn(page, account.email);
		await page.goto(`${stack.urls.web}/pages/edit?id=${created.body.page.id}`);
		// The preview frame (same origin, Core's own policy) loads inside the dashboard.
		await page.locator("iframe.preview-frame").waitFor();
		await expect.poll(() => page.frames().some((f) => f.url().includes("/preview"))).toBe(true);
		await page.goto(`${stack.urls.web}/profile`);
		// The avatar comes from the account's subdomain: img-src must allow it.
		const avatar = page.locator("img.avatar");
		await avatar.waitFor();
		await expect
			.poll(() => avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth))
			.toBeGreaterThan(0);
		for (const path of ["/domains", "/billing", "/account", "/de/"]) {
			await page.goto(`${stack.urls.web}${path}`);
			await page.locator("main").waitFor();
			// The islands have hydrated and loaded their data (violations are reported as they occur).
			await page.waitForLoadState("load");
			await page.waitForTimeout(500);
		}
		expect(violations).toEqual([]);
		await context.close();
	}, 90_000);

	it("#14.15 another site cannot frame the dashboard", async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		await page.setContent(`<iframe src="${stack.urls.web}/login"></iframe>`);
		await page.waitForTimeout(1500);
		const framed = page.frames().find((f) => f !== page.mainFrame());
		const text = framed
			? await framed.evaluate(() => document.body?.textContent ?? "").catch(() => "")
			: "";
		expect(text).not.toMatch(/Log in/);
		await context.close();
	}, 30_000);
});
