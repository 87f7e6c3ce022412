/**
 * Custom domains as the dashboard shows them: Core's check results (English, for developers)
 * turned into what the customer should do, and whether a hostname is an apex (no CNAME there).
 */
import type { Domain } from "@smartpages/contracts";
import type { Dictionary } from "../i18n";

type Problem = keyof Dictionary["domains"]["problems"];

const PROBLEMS: [RegExp, Problem][] = [
	[/^No TXT record/, "noTxt"],
	[/has a different value/, "wrongTxt"],
	[/^Ownership confirmed/, "waitingCname"],
	[/^DNS check failed/, "dns"],
	[/Cloudflare could not be reached/, "certificate"],
	[/proving ownership was removed/, "txtRemoved"],
	[/within 72 hours/, "timedOut"],
];

/** What is still missing for a domain that is not active, in the screen's language. */
export function domainProblem(t: Dictionary, domain: Domain): string | null {
	if (domain.status === "active" || !domain.error) return null;
	const found = PROBLEMS.find(([pattern]) => pattern.test(domain.error ?? ""));
	return t.domains.problems[found ? found[1] : "other"];
}

/**
 * True for a registrable domain without a prefix (example.com), where DNS forbids a CNAME. A
 * heuristic (two labels): it only decides whether the ALIAS/ANAME hint is shown.
 */
export function isApex(hostname: string): boolean {
	return hostname.split(".").length === 2;
}
