/**
 * Core's client of Workers Analytics Engine's SQL API (issue 17): sends the statement of ./sql.ts
 * to `{STATS_API_BASE}/accounts/{CF_ACCOUNT_ID}/analytics_engine/sql` with the `STATS_API_TOKEN`
 * bearer token (both Core secrets, read permission on Account Analytics only) and reads the
 * `FORMAT JSON` answer. Without the token it talks only to the local stand-in on loopback
 * (tools/local-cloud, port 12113); deployed without its secrets, or when the API fails or answers
 * something unreadable, statistics are `503 unavailable` (logged), never a 500.
 */
import { isLocalStandIn, type StatsFact, statsFact } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import { unavailable } from "../http/errors";
import { type FactsQuery, factsSql } from "./sql";

/** Secrets are set with `wrangler secret put`; locally they are absent. */
export type StatsEnv = Pick<CoreEnv, "STATS_API_BASE"> & {
	CF_ACCOUNT_ID?: string;
	STATS_API_TOKEN?: string;
};

/** A line of Analytics Engine's answer: one site's counted events of a day and combination. */
export type SiteFact = StatsFact & { siteId: string };

/** The time the SQL API may take before statistics answer 503 instead. */
const TIMEOUT_MS = 10_000;

/** A JSON row's field as text ("" when absent or not a string). */
function text(row: Record<string, unknown>, name: string): string {
	const value = row[name];
	return typeof value === "string" ? value : "";
}

/** A count: Analytics Engine prints 64-bit integers (SUM) as JSON strings, SQLite as numbers. */
function countOf(value: unknown): number {
	if (typeof value === "number") return value;
	return typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

/** The rows of a `FORMAT JSON` answer, or null when it is not one. */
function rowsOf(body: unknown): Record<string, unknown>[] | null {
	if (typeof body !== "object" || body === null) return null;
	const data = (body as { data?: unknown }).data;
	if (!Array.isArray(data)) return null;
	return data.filter(
		(row): row is Record<string, unknown> => typeof row === "object" && row !== null,
	);
}

/** Where the SQL API is and how to authenticate; null when deployed without the secrets. */
function endpointOf(env: StatsEnv): { url: string; headers: Record<string, string> } | null {
	const base = env.STATS_API_BASE.replace(/\/+$/, "");
	const token = env.STATS_API_TOKEN;
	if (!token && !isLocalStandIn(base)) return null;
	const account = env.CF_ACCOUNT_ID || "local";
	if (!/^[0-9a-zA-Z_-]{1,64}$/.test(account)) return null;
	return {
		url: `${base}/accounts/${account}/analytics_engine/sql`,
		headers: {
			"Content-Type": "text/plain",
			...(token ? { Authorization: `Bearer ${token}` } : {}),
		},
	};
}

/**
 * The counted events of `query` from Analytics Engine. Lines that are not of the layout
 * (an event or device Core does not know) are dropped rather than trusted.
 */
export async function analyticsFacts(
	env: StatsEnv,
	requestId: string,
	query: FactsQuery,
): Promise<SiteFact[]> {
	const endpoint = endpointOf(env);
	if (!endpoint) {
		writeLog("error", "statistics unavailable", {
			requestId,
			detail: "STATS_API_TOKEN or CF_ACCOUNT_ID not set",
		});
		throw unavailable();
	}
	const sql = factsSql(query);
	let body: unknown;
	try {
		const res = await fetch(endpoint.url, {
			method: "POST",
			headers: endpoint.headers,
			body: sql,
			signal: AbortSignal.timeout(TIMEOUT_MS),
		});
		if (!res.ok) {
			const detail = (await res.text().catch(() => "")).slice(0, 300);
			throw new Error(`SQL API answered ${res.status}: ${detail}`);
		}
		body = await res.json();
	} catch (error) {
		writeLog("error", "statistics unavailable", { requestId, detail: String(error) });
		throw unavailable();
	}
	const rows = rowsOf(body);
	if (!rows) {
		writeLog("error", "statistics unavailable", { requestId, detail: "unreadable SQL API answer" });
		throw unavailable();
	}
	const facts: SiteFact[] = [];
	for (const row of rows) {
		const fact = statsFact.safeParse({
			date: text(row, "day_key"),
			event: text(row, "event"),
			pageId: text(row, "page_id"),
			linkId: text(row, "link_id"),
			referrerHost: text(row, "referrer_host"),
			country: text(row, "country"),
			device: text(row, "device"),
			count: countOf(row.hits),
		});
		if (fact.success) facts.push({ ...fact.data, siteId: text(row, "site_id") });
	}
	return facts;
}
