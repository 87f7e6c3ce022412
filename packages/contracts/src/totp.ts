/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA-1, 6 digits, 30-second
 * steps — what every authenticator app computes from an `otpauth://totp/…` URL. WebCrypto only,
 * so the same code runs in the Customer Worker (which checks codes), in tests (which compute
 * them) and in the dashboard. Secrets travel as RFC 4648 base32 without padding, as the URL
 * format expects.
 */

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one (clock drift, typing time). */
export const TOTP_WINDOW = 1;
/** 160 bits, the HMAC-SHA-1 block-friendly size RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32, upper case, without padding. */
export function base32Encode(bytes: Uint8Array): string {
	let out = "";
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
	return out;
}

/** Decodes base32 (case, spaces and padding ignored); null for any other character. */
export function base32Decode(text: string): Uint8Array<ArrayBuffer> | null {
	const clean = text.replace(/[\s=]/g, "").toUpperCase();
	const out: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const char of clean) {
		const value = BASE32.indexOf(char);
		if (value < 0) return null;
		buffer = ((buffer << 5) | value) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			out.push((buffer >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Uint8Array.from(out);
}

/** The time step a moment (ms since the epoch) falls in. */
export function totpStep(nowMs: number): number {
	return Math.floor(nowMs / 1000 / TOTP_PERIOD_S);
}

/**
 * The code of one step (RFC 4226 section 5.3: dynamic truncation), `digits` long with leading
 * zeros. `hash` is SHA-1 for every authenticator app; the others exist for RFC 6238's vectors.
 */
export async function totpCode(
	secret: Uint8Array<ArrayBuffer>,
	step: number,
	digits: number = TOTP_DIGITS,
	hash: "SHA-1" | "SHA-256" | "SHA-512" = "SHA-1",
): Promise<string> {
	const key = await crypto.subtle.importKey(
		"raw",
		secret,
		{ name: "HMAC", hash: { name: hash } },
		false,
		["sign"],
	);
	const counter = new Uint8Array(8);
	// Steps fit in 53 bits; split into two 32-bit halves for the big-endian counter.
	new DataView(counter.buffer).setUint32(0, Math.floor(step / 2 ** 32));
	new DataView(counter.buffer).setUint32(4, step >>> 0);
	const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, counter));
	const offset = (mac[mac.length - 1] ?? 0) & 15;
	const binary = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
	return String(binary % 10 ** digits).padStart(digits, "0");
}

/**
 * The step whose code `code` is, searched within ±TOTP_WINDOW of `nowMs` and only among steps
 * after `lastUsedStep` (a code, once accepted, is never accepted again: replay). Null when none.
 * Every candidate is computed, so the time taken does not say which step matched.
 */
export async function matchTotp(
	secret: Uint8Array<ArrayBuffer>,
	code: string,
	nowMs: number,
	lastUsedStep: number,
): Promise<number | null> {
	if (!/^\d{6}$/.test(code)) return null;
	const current = totpStep(nowMs);
	let found: number | null = null;
	for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
		const expected = await totpCode(secret, step);
		if (timingSafeEqualText(expected, code) && step > lastUsedStep && found === null) found = step;
	}
	return found;
}

function timingSafeEqualText(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

/** The `otpauth://` URL an authenticator app reads from the QR code. */
export function otpauthUrl(secretBase32: string, account: string, issuer = "SmartPages"): string {
	const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
	const query = new URLSearchParams({
		secret: secretBase32,
		issuer,
		algorithm: "SHA1",
		digits: String(TOTP_DIGITS),
		period: String(TOTP_PERIOD_S),
	});
	return `otpauth://totp/${label}?${query.toString()}`;
}
