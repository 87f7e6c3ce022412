/**
 * A software WebAuthn authenticator for tests (issue 20): an ES256 (P-256) key made with
 * WebCrypto, attestation "none", and assertions built by hand — authenticator data, the CBOR
 * attestation object and COSE key (the small part of CBOR they need), the DER signature. It
 * answers in the JSON form a browser sends (`PublicKeyCredential.toJSON()`), and each answer can
 * be bent (another origin, RP id, counter, challenge) to test what the server refuses. Runs in
 * workerd and in Node alike.
 */

const enc = new TextEncoder();
/** UTF-8 bytes on a plain ArrayBuffer (what WebCrypto's types ask for). */
const utf8 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(enc.encode(text));

export const b64url = (bytes: Uint8Array): string =>
	btoa(String.fromCharCode(...bytes))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");

const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
};

const sha256 = async (data: Uint8Array<ArrayBuffer>) =>
	new Uint8Array(await crypto.subtle.digest("SHA-256", data));

// ── CBOR (RFC 8949): unsigned and negative integers, byte and text strings, maps ─────────────

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

function head(major: number, length: number): Uint8Array {
	if (length < 24) return Uint8Array.of((major << 5) | length);
	if (length < 256) return Uint8Array.of((major << 5) | 24, length);
	if (length < 65536) return Uint8Array.of((major << 5) | 25, length >> 8, length & 255);
	return Uint8Array.of(
		(major << 5) | 26,
		(length >>> 24) & 255,
		(length >> 16) & 255,
		(length >> 8) & 255,
		length & 255,
	);
}

export function cbor(value: Cbor): Uint8Array<ArrayBuffer> {
	if (typeof value === "number") return concat(value >= 0 ? head(0, value) : head(1, -1 - value));
	if (typeof value === "string") {
		const bytes = enc.encode(value);
		return concat(head(3, bytes.length), bytes);
	}
	if (value instanceof Uint8Array) return concat(head(2, value.length), value);
	const entries = [...value].flatMap(([k, v]) => [cbor(k), cbor(v)]);
	return concat(head(5, value.size), ...entries);
}

// ── ECDSA signatures: WebCrypto gives r‖s, WebAuthn wants DER ─────────────────────────────────

function derInteger(bytes: Uint8Array): Uint8Array {
	let start = 0;
	while (start < bytes.length - 1 && bytes[start] === 0) start++;
	let body = bytes.slice(start);
	if ((body[0] ?? 0) & 0x80) body = concat(Uint8Array.of(0), body);
	return concat(Uint8Array.of(0x02, body.length), body);
}

function derSignature(raw: Uint8Array): Uint8Array<ArrayBuffer> {
	const r = derInteger(raw.slice(0, 32));
	const s = derInteger(raw.slice(32));
	return concat(Uint8Array.of(0x30, r.length + s.length), r, s);
}

// ── the authenticator ─────────────────────────────────────────────────────────────────────────

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

/** What a test may bend in one answer. */
export interface Bend {
	origin?: string;
	rpId?: string;
	challenge?: string;
	/** The signature counter to report (default: one more than the last). */
	counter?: number;
	/** Leave out user verification. */
	noUserVerification?: boolean;
	/** Set the backup-eligible and backed-up flags (a synced passkey). */
	backedUp?: boolean;
}

export interface RegistrationJSON {
	id: string;
	rawId: string;
	type: "public-key";
	response: { clientDataJSON: string; attestationObject: string; transports: "internal"[] };
	clientExtensionResults: Record<string, never>;
}

export interface AssertionJSON {
	id: string;
	rawId: string;
	type: "public-key";
	response: {
		clientDataJSON: string;
		authenticatorData: string;
		signature: string;
		userHandle?: string;
	};
	clientExtensionResults: Record<string, never>;
}

/** The key pair (spelled out: the Node and Workers type libraries name it differently). */
type Key = Parameters<typeof crypto.subtle.exportKey>[1];
interface KeyPair {
	publicKey: Key;
	privateKey: Key;
}

export class SoftAuthenticator {
	readonly credentialId = crypto.getRandomValues(new Uint8Array(16));
	counter = 0;
	userHandle: string | undefined;
	readonly rpId: string;
	readonly origin: string;
	readonly #keys: KeyPair;

	private constructor(keys: KeyPair, rpId: string, origin: string) {
		this.#keys = keys;
		this.rpId = rpId;
		this.origin = origin;
	}

	/** A new authenticator with its own key pair, for the app at `origin`. */
	static async create(origin: string): Promise<SoftAuthenticator> {
		const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
			"sign",
			"verify",
		])) as KeyPair;
		return new SoftAuthenticator(keys, new URL(origin).hostname, origin);
	}

	get id(): string {
		return b64url(this.credentialId);
	}

	private async authData(rpId: string, flags: number, counter: number, attested?: Uint8Array) {
		const count = new Uint8Array(4);
		new DataView(count.buffer).setUint32(0, counter);
		return concat(
			await sha256(utf8(rpId)),
			Uint8Array.of(flags),
			count,
			...(attested ? [attested] : []),
		);
	}

	private clientData(type: string, challenge: string, origin: string): Uint8Array<ArrayBuffer> {
		return utf8(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
	}

	/** Answers creation options (`navigator.credentials.create`). */
	async register(
		options: { challenge: string; user: { id: string } },
		bend: Bend = {},
	): Promise<RegistrationJSON> {
		this.userHandle = options.user.id;
		const jwk = (await crypto.subtle.exportKey("jwk", this.#keys.publicKey)) as {
			x?: string;
			y?: string;
		};
		const decode = (s: string | undefined) =>
			Uint8Array.from(atob((s ?? "").replaceAll("-", "+").replaceAll("_", "/")), (c) =>
				c.charCodeAt(0),
			);
		// COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
		const cose = cbor(
			new Map<Cbor, Cbor>([
				[1, 2],
				[3, -7],
				[-1, 1],
				[-2, decode(jwk.x)],
				[-3, decode(jwk.y)],
			]),
		);
		const idLength = Uint8Array.of(this.credentialId.length >> 8, this.credentialId.length & 255);
		const attested = concat(new Uint8Array(16), idLength, this.credentialId, cose);
		const flags =
			FLAG_UP |
			(bend.noUserVerification ? 0 : FLAG_UV) |
			(bend.backedUp ? FLAG_BE | FLAG_BS : 0) |
			FLAG_AT;
		const authData = await this.authData(bend.rpId ?? this.rpId, flags, this.counter, attested);
		const attestationObject = cbor(
			new Map<Cbor, Cbor>([
				["fmt", "none"],
				["attStmt", new Map()],
				["authData", authData],
			]),
		);
		const clientData = this.clientData(
			"webauthn.create",
			bend.challenge ?? options.challenge,
			bend.origin ?? this.origin,
		);
		return {
			id: this.id,
			rawId: this.id,
			type: "public-key",
			response: {
				clientDataJSON: b64url(clientData),
				attestationObject: b64url(attestationObject),
				transports: ["internal"],
			},
			clientExtensionResults: {},
		};
	}

	/** Answers request options (`navigator.credentials.get`); the counter grows by one. */
	async assert(options: { challenge: string }, bend: Bend = {}): Promise<AssertionJSON> {
		const counter = bend.counter ?? this.counter + 1;
		this.counter = Math.max(this.counter, counter);
		const flags =
			FLAG_UP | (bend.noUserVerification ? 0 : FLAG_UV) | (bend.backedUp ? FLAG_BE | FLAG_BS : 0);
		const authData = await this.authData(bend.rpId ?? this.rpId, flags, counter);
		const clientData = this.clientData(
			"webauthn.get",
			bend.challenge ?? options.challenge,
			bend.origin ?? this.origin,
		);
		const signed = concat(authData, await sha256(clientData));
		const raw = new Uint8Array(
			await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, this.#keys.privateKey, signed),
		);
		return {
			id: this.id,
			rawId: this.id,
			type: "public-key",
			response: {
				clientDataJSON: b64url(clientData),
				authenticatorData: b64url(authData),
				signature: b64url(derSignature(raw)),
				...(this.userHandle ? { userHandle: this.userHandle } : {}),
			},
			clientExtensionResults: {},
		};
	}
}
