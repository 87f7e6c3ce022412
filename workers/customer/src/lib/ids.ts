/**
 * Random identifiers and tokens. Ids are opaque, prefixed by kind for readable logs; tokens are
 * 256-bit and only ever stored as SHA-256.
 */
import { newId, randomToken, sha256Hex } from "@smartpages/contracts";

// The id generator lives in contracts: Core's sign-up decoy must use the very same one.
export { newId };

/** 32 random bytes as base64url (43 characters). */
export function newToken(): string {
	return randomToken(32);
}

export { sha256Hex };
