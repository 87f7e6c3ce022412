/**
 * Weight and quality of a published page as a visitor's browser gets it: bytes of HTML (the CSS
 * is inline, hashed into the CSP) raw and gzip, and Lighthouse's four category scores plus its
 * record of every network request, in Debian's Chromium reaching `{handle}.localhost:{port}`.
 */
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export const CHROMIUM_HINT =
	"Lighthouse needs Chromium: sudo apt-get install chromium (or set CHROMIUM_PATH)";

/** The Chromium binary, or null when it is not installed. */
export function findChromium(): string | null {
	const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
	return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export interface PageWeight {
	htmlBytes: number;
	htmlGzipBytes: number;
	cssBytes: number;
	scriptTags: number;
}

/** Sizes of a page's HTML and of its inline CSS; counts script elements (there should be none). */
export function pageWeight(html: string): PageWeight {
	const bytes = Buffer.from(html, "utf8");
	let cssBytes = 0;
	for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
		cssBytes += Buffer.byteLength(m[1] ?? "", "utf8");
	}
	return {
		htmlBytes: bytes.length,
		htmlGzipBytes: gzipSync(bytes, { level: 9 }).length,
		cssBytes,
		scriptTags: (html.match(/<script\b/gi) ?? []).length,
	};
}

export interface LighthouseFigures {
	/** Category scores: the median of the runs (see `runLighthouseMedian`). */
	performance: number;
	accessibility: number;
	bestPractices: number;
	seo: number;
	requests: number;
	transferBytes: number;
	scriptBytes: number;
	failedAudits: string[];
	settings: string;
	/** Every run's scores, when this is a median of several. */
	runs?: { performance: number; accessibility: number; bestPractices: number; seo: number }[];
}

/**
 * Lighthouse `runs` times one after the other (a fresh Chromium each), the median of each
 * category (issue 22.6: a quiet run's score varies by a few points with the machine's load);
 * requests and bytes of the median-performance run, every audit that fell short in any run.
 */
export async function runLighthouseMedian(
	url: string,
	chromePath: string,
	register: (stop: () => Promise<void>) => void,
	runs: number,
): Promise<LighthouseFigures> {
	const all: LighthouseFigures[] = [];
	for (let i = 0; i < runs; i++) all.push(await runLighthouse(url, chromePath, register));
	const mid = (pick: (f: LighthouseFigures) => number) =>
		all.map(pick).sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? Number.NaN;
	const performance = mid((f) => f.performance);
	const typical = all.find((f) => f.performance === performance) ?? all[0];
	if (!typical) throw new Error("Lighthouse: no run");
	return {
		...typical,
		performance,
		accessibility: mid((f) => f.accessibility),
		bestPractices: mid((f) => f.bestPractices),
		seo: mid((f) => f.seo),
		failedAudits: [...new Set(all.flatMap((f) => f.failedAudits))],
		settings: `${typical.settings}, median of ${all.length} runs`,
		runs: all.map(({ performance, accessibility, bestPractices, seo }) => ({
			performance,
			accessibility,
			bestPractices,
			seo,
		})),
	};
}

interface NetworkItem {
	resourceType?: string;
	transferSize?: number;
	resourceSize?: number;
	url?: string;
}

/** Runs Lighthouse (mobile, simulated throttling: its defaults) against `url` and returns scores. */
export async function runLighthouse(
	url: string,
	chromePath: string,
	register: (stop: () => Promise<void>) => void,
): Promise<LighthouseFigures> {
	const chrome = await chromeLauncher.launch({
		chromePath,
		chromeFlags: [
			"--headless=new",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-background-networking",
			// *.localhost resolves to loopback in Chromium already; the rule makes it explicit.
			"--host-resolver-rules=MAP *.localhost 127.0.0.1",
		],
	});
	const stop = async () => {
		chrome.kill();
	};
	register(stop);
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: "json",
			logLevel: "error",
			onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
		});
		if (!result) throw new Error("Lighthouse returned no result");
		const { lhr } = result;
		if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
		const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
		const details = lhr.audits["network-requests"]?.details as
			| { items?: NetworkItem[] }
			| undefined;
		const items = details?.items ?? [];
		const failedAudits = Object.values(lhr.categories)
			.flatMap((c) => c.auditRefs)
			.map((ref) => lhr.audits[ref.id])
			.filter(
				(a) =>
					a !== undefined &&
					a.score !== null &&
					a.score < 0.9 &&
					a.scoreDisplayMode !== "informative",
			)
			.map((a) => `${a?.id} (${a?.displayValue ?? a?.score})`);
		return {
			performance: score("performance"),
			accessibility: score("accessibility"),
			bestPractices: score("best-practices"),
			seo: score("seo"),
			requests: items.length,
			transferBytes: items.reduce((n, i) => n + (i.transferSize ?? 0), 0),
			scriptBytes: items
				.filter((i) => i.resourceType === "Script")
				.reduce((n, i) => n + (i.resourceSize ?? 0), 0),
			failedAudits: [...new Set(failedAudits)],
			settings: `Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, ${lhr.configSettings.throttlingMethod} throttling, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}`,
		};
	} finally {
		await stop();
	}
}
