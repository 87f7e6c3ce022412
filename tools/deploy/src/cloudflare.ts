/**
 * The few read-only calls of Cloudflare's API that the preflight makes (GET only: nothing here
 * can change the account). Same credentials as wrangler (`CLOUDFLARE_API_TOKEN`,
 * `CLOUDFLARE_ACCOUNT_ID`) and the same base-URL override (`CLOUDFLARE_API_BASE_URL`), so a test
 * or a staging proxy redirects both at once.
 */

export const DEFAULT_API_BASE = "https://api.cloudflare.com/client/v4";

interface Envelope {
	success?: boolean;
	errors?: { code?: number; message?: string }[];
	result?: unknown;
	result_info?: { page?: number; total_pages?: number; cursor?: string };
}

/** An answer Cloudflare gave with a non-2xx status, with its first error. */
export class CloudflareApiError extends Error {
	readonly status: number;
	readonly code: number | undefined;
	constructor(path: string, status: number, body: Envelope | null) {
		const first = body?.errors?.[0];
		super(`GET ${path} answered ${status}${first ? ` (${first.code}: ${first.message})` : ""}`);
		this.status = status;
		this.code = first?.code;
	}
}

export interface CloudflareApi {
	accountId: string;
	/** GET `/accounts/{account_id}/{path}`; the envelope on 2xx, else CloudflareApiError. */
	get(
		path: string,
		query?: Record<string, string>,
		headers?: Record<string, string>,
	): Promise<Envelope>;
}

export function cloudflareApi(options: {
	token: string;
	accountId: string;
	baseUrl?: string;
	fetch?: typeof fetch;
}): CloudflareApi {
	const base = (options.baseUrl || DEFAULT_API_BASE).replace(/\/+$/, "");
	const doFetch = options.fetch ?? fetch;
	return {
		accountId: options.accountId,
		async get(path, query = {}, headers = {}) {
			const url = new URL(`${base}/accounts/${options.accountId}/${path}`);
			for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
			const response = await doFetch(url, {
				headers: { Authorization: `Bearer ${options.token}`, ...headers },
				signal: AbortSignal.timeout(15_000),
			});
			const body = (await response.json().catch(() => null)) as Envelope | null;
			if (!response.ok || !body) throw new CloudflareApiError(path, response.status, body);
			return body;
		},
	};
}

/**
 * Every item of a paginated list: page numbers (`result_info.total_pages`) for queues, D1 and KV,
 * a cursor (`result_info.cursor`) for R2. `pick` takes the items out of one page's result.
 */
export async function listAll<T>(
	api: CloudflareApi,
	path: string,
	pick: (result: unknown) => T[],
	query: Record<string, string> = {},
	headers: Record<string, string> = {},
): Promise<T[]> {
	const items: T[] = [];
	let page = 1;
	let cursor: string | undefined;
	// A bound on pages, so a misbehaving answer cannot loop forever.
	for (let i = 0; i < 1000; i++) {
		const paging: Record<string, string> = cursor ? { cursor } : { page: String(page) };
		const body = await api.get(path, { ...query, ...paging }, headers);
		items.push(...pick(body.result));
		const info = body.result_info ?? {};
		if (info.cursor) {
			cursor = info.cursor;
			continue;
		}
		if (cursor === undefined && info.total_pages !== undefined && page < info.total_pages) {
			page += 1;
			continue;
		}
		return items;
	}
	throw new Error(`GET ${path}: more than 1000 pages`);
}
