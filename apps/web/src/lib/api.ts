/**
 * The dashboard's only way to talk to Core: the contract's typed client (@smartpages/contracts/api)
 * over same-origin fetches under /api/v1 with the session cookie. A call names its route
 * (`api("POST /pages/:id/publish", { params: { id } })`), so its params, body and answer are typed
 * by the contract and a changed response field fails the dashboard's typecheck. Every call
 * resolves (never throws) to a success or a failure value that carries the contract's error code,
 * so screens decide what to show without try/catch. What the browser adds to the client: a 401
 * tells the registered handler that the session has ended.
 */
import {
	type ApiResult,
	apiClient,
	type EndpointKey,
	fetchTransport,
	type RequestArgs,
	type ResponseOf,
	readResponse,
} from "@smartpages/contracts/api";

export type { ApiFailure, ApiResult, ApiSuccess } from "@smartpages/contracts/api";
export { NETWORK_FAILURE } from "@smartpages/contracts/api";

let onUnauthenticated: (() => void) | null = null;

/**
 * Registers what happens when a signed-in screen learns that its session has ended (401
 * unauthenticated): normally a redirect to the login page. Auth screens never register one.
 */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
	onUnauthenticated = handler;
}

/** The page's own origin; the session cookie goes along (and nowhere else). */
const call = apiClient(fetchTransport("", { credentials: "same-origin" }));

/** The footer's service status (SystemStatusProbe.astro) follows every answer, not only its probe. */
export const SERVICE_EVENT = "sp:service";

function notified<T>(result: ApiResult<T>): ApiResult<T> {
	if (!result.ok && result.code === "unauthenticated") onUnauthenticated?.();
	const reachable = result.ok || (result.status > 0 && result.status < 500);
	if (typeof window !== "undefined") {
		window.dispatchEvent(new CustomEvent(SERVICE_EVENT, { detail: reachable }));
	}
	return result;
}

/**
 * Sends one call of the contract: a JSON body as JSON, an upload's bytes (a File or Blob) with
 * their own media type.
 */
export async function api<K extends EndpointKey>(
	key: K,
	...request: RequestArgs<K>
): Promise<ApiResult<ResponseOf<K>>> {
	return notified(await call(key, ...request));
}

/**
 * Reads an answer of Core to a call of `key` that was sent some other way (the head script's
 * early GET /me) into a result. `notify: false` leaves a 401 to the caller instead of the
 * registered unauthenticated handler.
 */
export async function toResult<K extends EndpointKey>(
	key: K,
	res: Response,
	{ notify = true }: { notify?: boolean } = {},
): Promise<ApiResult<ResponseOf<K>>> {
	const result = await readResponse(key, res);
	return notify ? notified(result) : result;
}
