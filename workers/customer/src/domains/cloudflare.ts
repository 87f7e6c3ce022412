/**
 * Cloudflare for SaaS custom hostnames (`/zones/{zone}/custom_hostnames`): register, read the
 * hostname and certificate status, delete. Without CF_API_TOKEN only a loopback API (the local
 * stand-in) is accepted.
 */

export interface CloudflareConfig {
	apiBase: string;
	zoneId: string;
	token: string | undefined;
}

export interface CustomHostname {
	id: string;
	status: string;
	sslStatus: string;
}

type Envelope<T> = {
	success: boolean;
	errors?: { code: number; message: string }[];
	result: T | null;
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

async function call<T>(
	config: CloudflareConfig,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const base = new URL(config.apiBase);
	if (!config.token && !LOOPBACK.has(base.hostname)) {
		throw new Error("CF_API_TOKEN is not set; refusing to use a non-local Cloudflare API");
	}
	const response = await fetch(`${config.apiBase}/zones/${config.zoneId}/custom_hostnames${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${config.token ?? "cf_local_development"}`,
			"Content-Type": "application/json",
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(10_000),
	});
	const envelope = (await response.json().catch(() => null)) as Envelope<T> | null;
	if (!response.ok || !envelope?.success || !envelope.result) {
		throw new Error(
			`Cloudflare API ${method} ${path || "/"}: ${response.status} ${envelope?.errors?.[0]?.message ?? ""}`.trim(),
		);
	}
	return envelope.result;
}

type Raw = { id: string; status: string; ssl?: { status?: string } };
const view = (r: Raw): CustomHostname => ({
	id: r.id,
	status: r.status,
	sslStatus: r.ssl?.status ?? "unknown",
});

export async function createCustomHostname(
	config: CloudflareConfig,
	hostname: string,
): Promise<CustomHostname> {
	return view(
		await call<Raw>(config, "POST", "", { hostname, ssl: { method: "http", type: "dv" } }),
	);
}

export async function getCustomHostname(
	config: CloudflareConfig,
	id: string,
): Promise<CustomHostname> {
	return view(await call<Raw>(config, "GET", `/${id}`));
}

export async function deleteCustomHostname(config: CloudflareConfig, id: string): Promise<void> {
	await call<{ id: string }>(config, "DELETE", `/${id}`);
}
