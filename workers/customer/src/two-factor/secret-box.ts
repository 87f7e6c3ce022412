/**
 * Encryption of TOTP secrets at rest: AES-256-GCM under TOTP_ENCRYPTION_KEY, a secret of this
 * worker, with the user id as additional data, so a ciphertext copied into another account's row
 * does not decrypt. Stored as `v1.{iv}.{ciphertext}` (base64url).
 *
 * Why the Customer Worker holds the key (and checks the codes, ./two-factor.ts): it owns the
 * credentials as stored data, and the key is only useful next to the ciphertext. Keeping both
 * here means a TOTP secret crosses the service binding once, at setup, to be shown to its owner,
 * and never again; and the check that a code's time step was not used before is the same D1
 * statement that accepts it. Core keeps what is about requests: tickets, rate limits, sessions.
 *
 * Without the secret, a fixed local key is used, and only while APP_ORIGIN is on loopback
 * (`npm run dev`, the tests) — the stand-in rule of @smartpages/contracts/stand-ins.
 */
import { requireSecretOrStandIn } from "@smartpages/contracts";

const VERSION = "v1";
const IV_BYTES = 12;
/** The local stand-in key's seed; never used unless APP_ORIGIN is a loopback origin. */
const LOCAL_KEY_SEED = "smartpages local TOTP key (not a secret)";

const b64url = (bytes: Uint8Array) =>
	btoa(String.fromCharCode(...bytes))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");
const unb64url = (text: string) =>
	Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));

export interface SecretBoxConfig {
	appOrigin: string;
	/** base64 of 32 bytes; undefined when the secret is not set. */
	key: string | undefined;
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The AES-GCM key: the secret's bytes, or the local stand-in's. Throws when neither applies. */
function loadKey(config: SecretBoxConfig): Promise<CryptoKey> {
	requireSecretOrStandIn(config.appOrigin, config.key, "TOTP_ENCRYPTION_KEY", "two-factor");
	const id = config.key ?? "local";
	let key = keys.get(id);
	if (!key) {
		key = (async () => {
			const raw = config.key
				? unb64url(config.key.trim().replace(/=+$/, ""))
				: new Uint8Array(
						await crypto.subtle.digest("SHA-256", new TextEncoder().encode(LOCAL_KEY_SEED)),
					);
			if (raw.length !== 32) throw new Error("TOTP_ENCRYPTION_KEY must be 32 bytes, base64");
			return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
		})();
		keys.set(id, key);
	}
	return key;
}

/** Encrypts a secret for one account. */
export async function seal(
	config: SecretBoxConfig,
	userId: string,
	plaintext: Uint8Array,
): Promise<string> {
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const sealed = await crypto.subtle.encrypt(
		{ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(userId) },
		await loadKey(config),
		plaintext,
	);
	return `${VERSION}.${b64url(iv)}.${b64url(new Uint8Array(sealed))}`;
}

/** Decrypts an account's secret; null when it was not sealed for this account under this key. */
export async function open(
	config: SecretBoxConfig,
	userId: string,
	stored: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
	const [version, iv, data] = stored.split(".");
	if (version !== VERSION || !iv || !data) return null;
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: "AES-GCM", iv: unb64url(iv), additionalData: new TextEncoder().encode(userId) },
			await loadKey(config),
			unb64url(data),
		);
		return new Uint8Array(plain);
	} catch {
		return null;
	}
}
