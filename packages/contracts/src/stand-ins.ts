/**
 * The rule every outside API client follows (Stripe in Billing, Cloudflare in Customer): without
 * its secret, a worker talks only to a local stand-in on loopback, never to a real service with
 * a made-up key. One definition, so the clients cannot drift apart.
 */

/** Loopback host names the local stand-ins listen on (`npm run dev`, the tests). */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether `apiBase` points at a local stand-in. */
export function isLocalStandIn(apiBase: string | URL): boolean {
	return LOOPBACK.has(new URL(apiBase).hostname);
}

/** Throws unless `secret` is set or `apiBase` is a local stand-in. */
export function requireSecretOrStandIn(
	apiBase: string | URL,
	secret: string | undefined,
	secretName: string,
	service: string,
): void {
	if (!secret && !isLocalStandIn(apiBase)) {
		throw new Error(`${secretName} is not set; refusing to use a non-local ${service} API`);
	}
}
