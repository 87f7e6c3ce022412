/**
 * Cloudflare for SaaS custom hostnames (`/zones/{zone}/custom_hostnames`): register, read the
 * hostname and certificate status, ask for revalidation, delete. Without CF_API_TOKEN only a
 * loopback API (the local stand-in) is accepted.
 *
 * Validation is over HTTP (`ssl.method: "http"`). Cloudflare validates at creation only if the
 * customer's CNAME is already in place; otherwise "the PATCH method must be used once it is (to
 * complete validation)" — a PATCH with the same `ssl` settings restarts domain control validation
 * (`revalidateCustomHostname`). Without it Cloudflare only retries on its back-off schedule (hours
 * apart) and deletes the hostname after seven days.
 */
import { requireSecretOrStandIn } from "@smartpages/contracts";

export interface CloudflareConfig {
	apiBase: string;
	zoneId: string;
	token: string | undefined;
	/** Aborts every call when it fires (the cron's run budget); each call also has its own timeout. */
	signal?: AbortSignal;
}

export interface CustomHostname {
	id: string;
	status: string;
	sslStatus: string;
	/** Cloudflare's `verification_errors` and `ssl.validation_errors`, for the customer to read. */
	errors: string[];
}

/** What a custom hostname's state means for serving it (documented status enums). */
export type HostnameState =
	/** Hostname and certificate active; `active_redeploying` still serves while it redeploys. */
	| "serving"
	/** Validation or issuance still under way (or timed out: a revalidation restarts it). */
	| "waiting"
	/** Gone from our zone (`moved`, `deleted`, `pending_deletion`): a new registration is needed. */
	| "gone"
	/** Blocked by Cloudflare (`blocked`, `pending_blocked`): it cannot be served from our zone. */
	| "blocked";

const SERVING = new Set(["active", "active_redeploying"]);
const GONE = new Set(["moved", "deleted", "pending_deletion"]);
const BLOCKED = new Set(["blocked", "pending_blocked"]);
/** Certificate states in which a revalidation (PATCH) can move things forward. */
const AWAITING_VALIDATION = new Set(["initializing", "pending_validation"]);

export function hostnameState(custom: CustomHostname): HostnameState {
	if (GONE.has(custom.status)) return "gone";
	if (BLOCKED.has(custom.status)) return "blocked";
	if (SERVING.has(custom.status) && custom.sslStatus === "active") return "serving";
	return "waiting";
}

/**
 * Whether a revalidation can help: the hostname is not validated yet, or the certificate's
 * validation is pending or timed out. Not during issuance or deployment, which it would restart.
 */
export function needsRevalidation(custom: CustomHostname): boolean {
	if (hostnameState(custom) !== "waiting") return false;
	return (
		custom.status === "pending" ||
		AWAITING_VALIDATION.has(custom.sslStatus) ||
		custom.sslStatus.endsWith("_timed_out")
	);
}

export class CloudflareError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly code: number | undefined,
	) {
		super(message);
		this.name = "CloudflareError";
	}
}

/** The custom hostname no longer exists at Cloudflare (code 1436, or a plain 404). */
export const isNotFound = (error: unknown): boolean =>
	error instanceof CloudflareError && (error.code === 1436 || error.status === 404);

type Envelope<T> = {
	success: boolean;
	errors?: { code: number; message: string }[];
	result: T | null;
};

const CALL_TIMEOUT_MS = 8000;
/** Cloudflare validates the same way for every registration: HTTP, domain-validated. */
const SSL = { method: "http", type: "dv" } as const;

async function call<T>(
	config: CloudflareConfig,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	requireSecretOrStandIn(config.apiBase, config.token, "CF_API_TOKEN", "Cloudflare");
	const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS);
	const response = await fetch(`${config.apiBase}/zones/${config.zoneId}/custom_hostnames${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${config.token ?? "cf_local_development"}`,
			"Content-Type": "application/json",
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: config.signal ? AbortSignal.any([timeout, config.signal]) : timeout,
	});
	const envelope = (await response.json().catch(() => null)) as Envelope<T> | null;
	if (!response.ok || !envelope?.success || !envelope.result) {
		const first = envelope?.errors?.[0];
		throw new CloudflareError(
			`Cloudflare API ${method} ${path || "/"}: ${response.status} ${first?.message ?? ""}`.trim(),
			response.status,
			first?.code,
		);
	}
	return envelope.result;
}

type Raw = {
	id: string;
	status: string;
	verification_errors?: string[];
	ssl?: { status?: string; validation_errors?: { message?: string }[] };
};
const view = (r: Raw): CustomHostname => ({
	id: r.id,
	status: r.status,
	sslStatus: r.ssl?.status ?? "unknown",
	errors: [
		...(r.verification_errors ?? []),
		...(r.ssl?.validation_errors ?? []).map((e) => e.message ?? ""),
	].filter((message) => message.length > 0),
});

/**
 * Registers `hostname`. If it is registered already (code 1406: an earlier create whose answer
 * was lost to a timeout), that registration is adopted instead of leaking it.
 */
export async function createCustomHostname(
	config: CloudflareConfig,
	hostname: string,
): Promise<CustomHostname> {
	try {
		return view(await call<Raw>(config, "POST", "", { hostname, ssl: SSL }));
	} catch (error) {
		if (!(error instanceof CloudflareError && error.code === 1406)) throw error;
		const [existing] = await call<Raw[]>(
			config,
			"GET",
			`?hostname=${encodeURIComponent(hostname)}`,
		);
		// One Cloudflare still holds as moved or deleted is not ours to adopt; its tombstone goes first.
		if (!existing || hostnameState(view(existing)) === "gone") throw error;
		return view(existing);
	}
}

export async function getCustomHostname(
	config: CloudflareConfig,
	id: string,
): Promise<CustomHostname> {
	return view(await call<Raw>(config, "GET", `/${id}`));
}

/** PATCH with the same `ssl` settings: Cloudflare restarts domain control validation now. */
export async function revalidateCustomHostname(
	config: CloudflareConfig,
	id: string,
): Promise<CustomHostname> {
	return view(await call<Raw>(config, "PATCH", `/${id}`, { ssl: SSL }));
}

/** Deletes the custom hostname (and its certificate); one that is gone already counts as deleted. */
export async function deleteCustomHostname(config: CloudflareConfig, id: string): Promise<void> {
	try {
		await call<{ id: string }>(config, "DELETE", `/${id}`);
	} catch (error) {
		if (!isNotFound(error)) throw error;
	}
}
