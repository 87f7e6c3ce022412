/**
 * Random identifiers and tokens. Ids are opaque, prefixed by kind for readable logs; tokens are
 * 256-bit and only ever stored as SHA-256.
 */
import { randomToken, sha256Hex } from "@smartpages/contracts";

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
	return randomToken(32);
}

export { sha256Hex };
