/** A readable name for a session's device from its User-Agent: browser and operating system. */

const BROWSERS: [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, "Edge"],
	[/OPR\/|Opera/, "Opera"],
	[/Firefox\/|FxiOS\//, "Firefox"],
	[/SamsungBrowser\//, "Samsung Internet"],
	[/Chrome\/|Chromium\/|CriOS\//, "Chrome"],
	[/Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
	[/iPhone|iPad|iPod/, "iOS"],
	[/Android/, "Android"],
	[/CrOS/, "ChromeOS"],
	[/Windows/, "Windows"],
	[/Mac OS X|Macintosh/, "macOS"],
	[/Linux/, "Linux"],
];

/** Browser and system names (product names, the same in every language), or null if unknown. */
export function describeUserAgent(userAgent: string): { browser: string; os: string } | null {
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
	const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
	return browser && os ? { browser, os } : null;
}
