/**
 * Custom domains: hostname rules and the shapes the API returns.
 */
import * as z from "zod";

// The shapes the API returns are defined with the other resources (../api/resources).
export type { Domain, DomainStatus } from "../api/resources";

export const CHALLENGE_PREFIX = "_smartpages-challenge";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Normalises a hostname the way browsers do (lower case, IDNA to punycode, no trailing dot) and
 * checks it is a plain DNS name of at least two labels: no IP, no port, no path, ≤ 253 chars.
 * Returns null when it is not acceptable.
 */
export function normaliseHostname(input: string): string | null {
	const raw = input.trim().replace(/\.$/, "");
	if (raw.length === 0 || raw.length > 253 || /[/:@?#\s\\[\]]/.test(raw)) return null;
	let host: string;
	try {
		host = new URL(`http://${raw}`).hostname;
	} catch {
		return null;
	}
	if (host.length > 253 || IPV4.test(host)) return null;
	const labels = host.split(".");
	if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
	const tld = labels.at(-1) ?? "";
	if (!/^[a-z]{2,63}$/.test(tld) && !/^xn--[a-z0-9-]{1,59}$/.test(tld)) return null;
	return host;
}

export const createDomainBody = z.strictObject({
	hostname: z
		.string({ error: "must be a string" })
		.max(300, { error: "must be at most 253 characters" })
		.transform((value, ctx) => {
			const host = normaliseHostname(value);
			if (!host) {
				ctx.addIssue({
					code: "custom",
					message: "must be a domain name such as shop.example.com (no IP, port or path)",
				});
				return z.NEVER;
			}
			return host;
		}),
});
