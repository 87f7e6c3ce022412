/**
 * A `Stripe-Signature` header as Stripe computes it (HMAC-SHA256 of `{t}.{payload}` with the
 * endpoint's secret, scheme v1), for tests that post webhooks themselves. WebCrypto only, so it
 * runs in workerd and in Node alike. `ageSeconds` dates the signature back (tolerance tests).
 */
export async function stripeSignature(
	payload: string,
	secret: string,
	ageSeconds = 0,
): Promise<string> {
	const t = Math.floor(Date.now() / 1000) - ageSeconds;
	const key = await crypto.subtle.importKey(
		"raw",
		new TextEncoder().encode(secret),
		{ name: "HMAC", hash: "SHA-256" },
		false,
		["sign"],
	);
	const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${t}.${payload}`));
	const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
	return `t=${t},v1=${hex}`;
}
