/**
 * Reading TXT records over DNS-over-HTTPS (the JSON API of Cloudflare's and Google's resolvers).
 * Failures come back as readable reasons, never as exceptions.
 */

export type TxtLookup = { ok: true; values: string[] } | { ok: false; error: string };

const DNS_STATUS: Record<number, string> = {
	1: "the DNS query was malformed (FORMERR)",
	2: "the DNS server failed to answer (SERVFAIL)",
	5: "the DNS server refused the query (REFUSED)",
};

export async function lookupTxt(dohUrl: string, name: string): Promise<TxtLookup> {
	let response: Response;
	try {
		response = await fetch(`${dohUrl}?name=${encodeURIComponent(name)}&type=TXT`, {
			headers: { Accept: "application/dns-json" },
			signal: AbortSignal.timeout(5000),
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
		.filter((a) => a.type === 16)
		// TXT data is quoted, possibly split into several quoted strings.
		.map((a) => [...a.data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("") || a.data);
	return { ok: true, values };
}
