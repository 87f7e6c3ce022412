/**
 * Reading TXT and CNAME records over DNS-over-HTTPS (the JSON API of Cloudflare's and Google's
 * resolvers). Failures come back as readable reasons, never as exceptions.
 */

export type TxtLookup = { ok: true; values: string[] } | { ok: false; error: string };

const RECORD_TYPES = { TXT: 16, CNAME: 5 } as const;
const LOOKUP_TIMEOUT_MS = 5000;

const DNS_STATUS: Record<number, string> = {
	1: "the DNS query was malformed (FORMERR)",
	2: "the DNS server failed to answer (SERVFAIL)",
	5: "the DNS server refused the query (REFUSED)",
};

/** TXT values of `name`. `signal` (the cron's run budget) aborts it early. */
export function lookupTxt(dohUrl: string, name: string, signal?: AbortSignal): Promise<TxtLookup> {
	return lookup(dohUrl, name, "TXT", signal);
}

/** CNAME targets of `name`, lower-case and without the trailing dot. */
export async function lookupCname(
	dohUrl: string,
	name: string,
	signal?: AbortSignal,
): Promise<TxtLookup> {
	const found = await lookup(dohUrl, name, "CNAME", signal);
	if (!found.ok) return found;
	return { ok: true, values: found.values.map((v) => v.toLowerCase().replace(/\.$/, "")) };
}

async function lookup(
	dohUrl: string,
	name: string,
	type: keyof typeof RECORD_TYPES,
	signal: AbortSignal | undefined,
): Promise<TxtLookup> {
	let response: Response;
	try {
		const timeout = AbortSignal.timeout(LOOKUP_TIMEOUT_MS);
		response = await fetch(`${dohUrl}?name=${encodeURIComponent(name)}&type=${type}`, {
			headers: { Accept: "application/dns-json" },
			signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
		});
	} catch (error) {
		const timedOut = error instanceof Error && error.name === "TimeoutError";
		return {
			ok: false,
			error: timedOut ? "the DNS lookup timed out" : "the DNS resolver could not be reached",
		};
	}
	if (!response.ok) {
		await response.body?.cancel();
		return { ok: false, error: `the DNS resolver answered HTTP ${response.status}` };
	}
	const body = (await response.json().catch(() => null)) as {
		Status?: number;
		Answer?: { type: number; data: string }[];
	} | null;
	if (!body || typeof body.Status !== "number")
		return { ok: false, error: "the DNS resolver sent an unreadable answer" };
	if (body.Status === 3) return { ok: true, values: [] };
	if (body.Status !== 0)
		return { ok: false, error: DNS_STATUS[body.Status] ?? `DNS error ${body.Status}` };
	const values = (body.Answer ?? [])
		.filter((a) => a.type === RECORD_TYPES[type])
		// TXT data is quoted, possibly split into several quoted strings.
		.map((a) =>
			type === "TXT"
				? [...a.data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("") || a.data
				: a.data,
		);
	return { ok: true, values };
}
