/**
 * Chromium for end-to-end tests: Debian's package driven by playwright-core (no downloaded
 * browsers). CHROMIUM_PATH overrides the location; without a browser the suite fails with how
 * to install one, unless SMARTPAGES_SKIP_E2E=1 says to skip (CI never sets it).
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath(): string | null {
	const configured = process.env.CHROMIUM_PATH;
	if (configured) return existsSync(configured) ? configured : null;
	return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const skipE2E = process.env.SMARTPAGES_SKIP_E2E === "1";

export async function launchChromium(): Promise<Browser> {
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
		],
	});
}
