/**
 * Stripe stand-in: the `/v1/...` API surface SmartPages uses, with real webhook signatures.
 * Until the billing issue completes it, it answers Stripe-shaped errors for every API call.
 */
import { listen, type RunningServer, sendJson } from "./http.ts";

export async function startStripe(port: number): Promise<RunningServer> {
	return listen(port, (_req, res, url) => {
		if (url.pathname === "/_dev/health") return sendJson(res, 200, { ok: true });
		return sendJson(res, 404, {
			error: {
				type: "invalid_request_error",
				message: `Unrecognized request URL (${url.pathname}).`,
			},
		});
	});
}
