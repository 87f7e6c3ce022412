/**
 * Random ids, tokens and SHA-256 digests, shared by Core (sessions, the sign-up decoy) and
 * Customer (stored ids, single-use tokens).
 */

const ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix = "usr" | "pg" | "ln" | "dom" | "pk" | "tok";

/**
 * A new opaque id such as `usr_8f3k…` (20 random base32 characters = 100 bits; 32 divides 256,
 * so masking a byte keeps every character equally likely). Core builds the sign-up decoy with
 * it, so a decoy id cannot be told from a real one.
 */
export function newId(prefix: IdPrefix): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	let out = "";
	for (const byte of bytes) out += ID_ALPHABET[byte & 31];
	return `${prefix}_${out}`;
}

/** `bytes` random bytes as base64url without padding (32 bytes → 43 characters). */
export function randomToken(bytes: number): string {
	const raw = crypto.getRandomValues(new Uint8Array(bytes));
	return btoa(String.fromCharCode(...raw))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");
}

/** Lower-case hex SHA-256 of a string or bytes. */
export async function sha256Hex(value: string | ArrayBuffer | Uint8Array): Promise<string> {
	const data = typeof value === "string" ? new TextEncoder().encode(value) : new Uint8Array(value);
	const digest = await crypto.subtle.digest("SHA-256", data);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
