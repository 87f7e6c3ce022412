/**
 * The browser half of passkeys: Core's options (WebAuthn's JSON form) become the arguments of
 * `navigator.credentials.create/get`, and the credential becomes the JSON Core verifies. Written
 * out by hand (base64url ↔ bytes) rather than relying on `PublicKeyCredential.parse…FromJSON` and
 * `toJSON()`, which not every browser has yet.
 */

/** Whether this browser can use passkeys at all. */
export function passkeysSupported(): boolean {
	return (
		typeof window !== "undefined" && "PublicKeyCredential" in window && !!navigator.credentials
	);
}

function toBytes(text: string): Uint8Array<ArrayBuffer> {
	const base64 = text.replaceAll("-", "+").replaceAll("_", "/");
	return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function toText(buffer: ArrayBuffer | null | undefined): string {
	if (!buffer) return "";
	return btoa(String.fromCharCode(...new Uint8Array(buffer)))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");
}

type Json = Record<string, unknown>;
type Descriptor = { id: string; type?: string; transports?: string[] };

const descriptors = (list: unknown): PublicKeyCredentialDescriptor[] =>
	((list as Descriptor[] | undefined) ?? []).map((d) => ({
		id: toBytes(d.id),
		type: "public-key",
		...(d.transports ? { transports: d.transports as AuthenticatorTransport[] } : {}),
	}));

/** Runs one WebAuthn call; null when the user cancelled it or it gave no public-key credential. */
async function ceremony(
	call: () => Promise<Credential | null>,
): Promise<PublicKeyCredential | null> {
	try {
		const credential = await call();
		return credential instanceof PublicKeyCredential ? credential : null;
	} catch (error) {
		if (error instanceof DOMException && error.name === "NotAllowedError") return null;
		throw error;
	}
}

/** The fields every credential's JSON form starts with. */
const identity = (credential: PublicKeyCredential) => ({
	id: credential.id,
	rawId: toText(credential.rawId),
	type: "public-key",
});

/** Asks the device for a new passkey; the registration as JSON, or null when the user cancelled. */
export async function createPasskey(options: Json): Promise<Json | null> {
	const user = options.user as { id: string; name: string; displayName: string };
	const publicKey: PublicKeyCredentialCreationOptions = {
		...(options as unknown as PublicKeyCredentialCreationOptions),
		challenge: toBytes(String(options.challenge)),
		user: { ...user, id: toBytes(user.id) },
		excludeCredentials: descriptors(options.excludeCredentials),
	};
	const credential = await ceremony(() => navigator.credentials.create({ publicKey }));
	if (!credential) return null;
	const response = credential.response as AuthenticatorAttestationResponse;
	return {
		...identity(credential),
		response: {
			clientDataJSON: toText(response.clientDataJSON),
			attestationObject: toText(response.attestationObject),
			transports: response.getTransports?.() ?? [],
		},
		...(credential.authenticatorAttachment
			? { authenticatorAttachment: credential.authenticatorAttachment }
			: {}),
		clientExtensionResults: {},
	};
}

/** Asks the device to sign in with one of its passkeys; the assertion as JSON, or null. */
export async function getPasskey(options: Json): Promise<Json | null> {
	const publicKey: PublicKeyCredentialRequestOptions = {
		...(options as unknown as PublicKeyCredentialRequestOptions),
		challenge: toBytes(String(options.challenge)),
		allowCredentials: descriptors(options.allowCredentials),
	};
	const credential = await ceremony(() => navigator.credentials.get({ publicKey }));
	if (!credential) return null;
	const response = credential.response as AuthenticatorAssertionResponse;
	return {
		...identity(credential),
		response: {
			clientDataJSON: toText(response.clientDataJSON),
			authenticatorData: toText(response.authenticatorData),
			signature: toText(response.signature),
			...(response.userHandle ? { userHandle: toText(response.userHandle) } : {}),
		},
		clientExtensionResults: {},
	};
}
