/**
 * Stand-in for the read side of Cloudflare's account API (`/client/v4/accounts/{account_id}/…`)
 * that the deploy preflight asks before it changes anything: queues, R2 buckets, D1 databases,
 * KV namespaces and Pages projects. It answers as Cloudflare documents it:
 *
 * - Every call needs `Authorization: Bearer {token}`; a wrong token gets 401 with code 10000, a
 *   call for another account 403 with code 9109.
 * - Lists are paginated and small pages are the default here, so a client that reads only the
 *   first page misses resources: queues, D1 and KV by `page`/`per_page` with `result_info.total_pages`,
 *   R2 by `cursor` with `result_info.cursor`.
 * - R2 buckets live in a jurisdiction (`default`, `eu`, `fedramp`); a list answers only the
 *   buckets of the jurisdiction named by the `cf-r2-jurisdiction` header (`default` without it),
 *   so an EU bucket is invisible to a plain list and a plain bucket to an EU one.
 * - D1 databases carry their `jurisdiction` (null when none was chosen at creation); `?name=`
 *   searches by name.
 * - A missing Pages project is 404 with code 8000007.
 *
 * Tests change the account through the returned `account` object (what an operator would have
 * created with wrangler), not through HTTP.
 */
import type { ServerResponse } from "node:http";
import { listen, type RunningServer, sendJson } from "./http.ts";

export interface CloudflareAccountState {
	queues: { queue_name: string }[];
	buckets: { name: string; jurisdiction: "default" | "eu" | "fedramp" }[];
	databases: { uuid: string; name: string; jurisdiction: "eu" | "fedramp" | null }[];
	namespaces: { id: string; title: string }[];
	pagesProjects: { name: string; production_branch: string }[];
}

export interface CloudflareAccountOptions {
	port: number;
	accountId: string;
	token: string;
	account?: Partial<CloudflareAccountState>;
}

export interface RunningCloudflareAccount extends RunningServer {
	/** Base URL as `CLOUDFLARE_API_BASE_URL` takes it (…/client/v4). */
	baseUrl: string;
	account: CloudflareAccountState;
	/** Every request, as "METHOD path?query [cf-r2-jurisdiction]", for tests that check reads. */
	requests: string[];
}

const DEFAULT_PER_PAGE = 2;

function failure(res: ServerResponse, status: number, code: number, message: string): void {
	sendJson(res, status, {
		success: false,
		errors: [{ code, message }],
		messages: [],
		result: null,
	});
}

/** One page of a page-numbered list, with the `result_info` Cloudflare sends. */
function pageOf<T>(res: ServerResponse, items: T[], url: URL): void {
	const perPage = Number(url.searchParams.get("per_page") ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE;
	const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
	const result = items.slice((page - 1) * perPage, page * perPage);
	sendJson(res, 200, {
		success: true,
		errors: [],
		messages: [],
		result,
		result_info: {
			page,
			per_page: perPage,
			count: result.length,
			total_count: items.length,
			total_pages: Math.max(1, Math.ceil(items.length / perPage)),
		},
	});
}

export async function startCloudflareAccount(
	options: CloudflareAccountOptions,
): Promise<RunningCloudflareAccount> {
	const account: CloudflareAccountState = {
		queues: [],
		buckets: [],
		databases: [],
		namespaces: [],
		pagesProjects: [],
		...options.account,
	};
	const requests: string[] = [];
	const prefix = `/client/v4/accounts/${options.accountId}/`;

	const server = await listen(options.port, (req, res, url) => {
		const jurisdictionHeader = req.headers["cf-r2-jurisdiction"];
		requests.push(
			`${req.method} ${url.pathname}${url.search}${jurisdictionHeader ? ` [cf-r2-jurisdiction: ${String(jurisdictionHeader)}]` : ""}`,
		);
		if (req.headers.authorization !== `Bearer ${options.token}`) {
			return failure(res, 401, 10000, "Authentication error");
		}
		if (!url.pathname.startsWith(prefix)) {
			return /^\/client\/v4\/accounts\/[^/]+\//.test(url.pathname)
				? failure(res, 403, 9109, "Unauthorized to access requested resource")
				: failure(res, 404, 7003, "No route for the URI");
		}
		if (req.method !== "GET") return failure(res, 405, 10000, "method not allowed here");
		const path = url.pathname.slice(prefix.length);

		if (path === "queues") {
			return pageOf(
				res,
				account.queues.map((q) => ({ queue_id: `q-${q.queue_name}`, ...q })),
				url,
			);
		}
		if (path === "d1/database") {
			const name = url.searchParams.get("name");
			const found = account.databases.filter((d) => !name || d.name.includes(name));
			return pageOf(
				res,
				found.map((d) => ({ ...d, created_at: "2026-01-01T00:00:00Z", version: "production" })),
				url,
			);
		}
		if (path === "storage/kv/namespaces") {
			return pageOf(
				res,
				account.namespaces.map((n) => ({ ...n, supports_url_encoding: true })),
				url,
			);
		}
		if (path === "r2/buckets") {
			const jurisdiction = String(jurisdictionHeader ?? "default");
			if (!["default", "eu", "fedramp"].includes(jurisdiction)) {
				return failure(res, 400, 10041, "Invalid jurisdiction");
			}
			const contains = url.searchParams.get("name_contains") ?? "";
			const perPage =
				Number(url.searchParams.get("per_page") ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE;
			const all = account.buckets
				.filter((b) => b.jurisdiction === jurisdiction && b.name.includes(contains))
				.sort((a, b) => a.name.localeCompare(b.name));
			// The cursor is opaque to clients; here it is the last name of the previous page.
			const after = url.searchParams.get("cursor") ?? url.searchParams.get("start_after") ?? "";
			const rest = all.filter((b) => b.name > after);
			const buckets = rest.slice(0, perPage);
			return sendJson(res, 200, {
				success: true,
				errors: [],
				messages: [],
				result: {
					buckets: buckets.map((b) => ({
						name: b.name,
						creation_date: "2026-01-01T00:00:00Z",
						location: b.jurisdiction === "eu" ? "EEUR" : "WNAM",
						storage_class: "Standard",
						...(b.jurisdiction === "default" ? {} : { jurisdiction: b.jurisdiction }),
					})),
				},
				result_info: {
					per_page: perPage,
					...(rest.length > perPage ? { cursor: buckets.at(-1)?.name } : {}),
				},
			});
		}
		const project = /^pages\/projects\/([^/]+)$/.exec(path);
		if (project) {
			const found = account.pagesProjects.find((p) => p.name === project[1]);
			if (!found) {
				return failure(
					res,
					404,
					8000007,
					"Project not found. The specified project name does not match any of your existing projects.",
				);
			}
			return sendJson(res, 200, {
				success: true,
				errors: [],
				messages: [],
				result: { ...found, subdomain: `${found.name}.pages.dev` },
			});
		}
		return failure(res, 404, 7003, "No route for the URI");
	});
	return {
		...server,
		baseUrl: `http://127.0.0.1:${server.port}/client/v4`,
		account,
		requests,
	};
}
