/**
 * Which profile addresses Core fetches for an import, decided before any request is made (and
 * again for every redirect): https only, on the default port, on a host of the allow-list below —
 * never an IP address, `localhost` or a private name, whatever the allow-list says. Everything
 * else is refused with a reason the dashboard shows; the customer can still upload a file.
 *
 * The allow-list is deliberately short and in code (a change is reviewed like any other): Linktree,
 * and the public LittleLink and LinkStack demo sites, whose pages are plain HTML with button links.
 * A self-hosted LittleLink/LinkStack page can be saved as a file… or added here by the operator.
 */

/** Host → the parser its pages need. */
export const IMPORT_HOSTS: Readonly<Record<string, "linktree" | "littlelink">> = {
	"linktr.ee": "linktree",
	"www.linktr.ee": "linktree",
	"littlelink.io": "littlelink",
	"www.littlelink.io": "littlelink",
	"demo.linkstack.org": "littlelink",
	"linkstack.org": "littlelink",
};

export type ImportAddress =
	| { ok: true; url: URL; parser: "linktree" | "littlelink" }
	| { ok: false; reason: string };

const refuse = (reason: string): ImportAddress => ({ ok: false, reason });

const ALLOWED_LIST = Object.keys(IMPORT_HOSTS)
	.filter((h) => !h.startsWith("www."))
	.join(", ");

/**
 * Checks an address typed by the customer (a missing scheme means https) or a redirect target;
 * answers the URL to fetch and the parser for its host, or why it is not fetched.
 */
export function importAddress(input: string): ImportAddress {
	const text = input.trim();
	if (text.length === 0 || text.length > 2048) return refuse("must be a profile address");
	const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return refuse("is not a valid address");
	}
	if (url.protocol !== "https:") return refuse("must be an https:// address");
	if (url.username || url.password) return refuse("must not contain a user name or password");
	if (url.port !== "") return refuse("must use the standard port");
	const host = url.hostname.toLowerCase();
	// The URL parser has already turned 0x7f.1, 2130706433 and friends into dotted IPv4.
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith("[")) {
		return refuse("must be a name, not an IP address");
	}
	if (
		host === "localhost" ||
		host.endsWith(".localhost") ||
		host.endsWith(".local") ||
		host.endsWith(".internal") ||
		host.endsWith(".") ||
		!host.includes(".")
	) {
		return refuse("must be a public address");
	}
	const parser = IMPORT_HOSTS[host];
	if (!parser) {
		return refuse(
			`is not on a site SmartPages reads profiles from (${ALLOWED_LIST}); upload a CSV file instead`,
		);
	}
	url.hash = "";
	return { ok: true, url, parser };
}
