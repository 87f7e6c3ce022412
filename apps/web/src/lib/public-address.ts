/**
 * A page's public address as the dashboard shows, copies and encodes it in its QR code (issue 19
 * item 7). Core answers `publishedUrl` on the address visitors are sent to — the first active
 * custom domain, else the SmartPages subdomain, the same base as the page's canonical URL — so
 * this only reads it and says which kind it is; nothing here rebuilds URLs from handles.
 */
import type { Page } from "@smartpages/contracts";

export interface PublicAddress {
	/** The full URL, e.g. https://links.example.com/ or http://anna.localhost:8788/shop */
	url: string;
	/** Shown without the scheme: links.example.com/shop */
	display: string;
	/** Whether it is the customer's own domain (not a subdomain of the pages domain). */
	customDomain: boolean;
}

/**
 * The page's public address, or null while it is not published. `pagesDomain` is the
 * SmartPages host part (e.g. "smartpages.page" or "localhost") that tells a subdomain from a
 * custom domain.
 */
export function publicAddress(
	page: Pick<Page, "publishedUrl" | "status">,
	pagesDomain: string,
): PublicAddress | null {
	if (page.status !== "published" || !page.publishedUrl) return null;
	let host: string;
	try {
		host = new URL(page.publishedUrl).hostname;
	} catch {
		return null;
	}
	const display = page.publishedUrl.replace(/^https?:\/\//, "").replace(/\/$/, "");
	const ours = host === pagesDomain || host.endsWith(`.${pagesDomain}`);
	return { url: page.publishedUrl, display, customDomain: !ours };
}
