/**
 * Random identifiers and tokens. Ids are opaque, prefixed by kind for readable logs; tokens are
 * 256-bit and only ever stored as SHA-256.
 */

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** A new opaque id such as `usr_8f3k…` (20 random base32 characters = 100 bits). */
export function newId(prefix: "usr" | "pg" | "ln" | "dom"): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	let out = "";
	for (const byte of bytes) out += ALPHABET[byte & 31];
	return `${prefix}_${out}`;
}

/** 32 random bytes as base64url (43 characters). */
export function newToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	return btoa(String.fromCharCode(...bytes))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");
}

/** Lower-case hex SHA-256 of a string. */
export async function sha256Hex(value: string | ArrayBuffer | Uint8Array): Promise<string> {
	const data = typeof value === "string" ? new TextEncoder().encode(value) : value;
	const digest = await crypto.subtle.digest("SHA-256", data);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
