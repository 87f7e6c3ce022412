/** Random tokens and SHA-256 digests, shared by Core (sessions) and Customer (single-use tokens). */

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
