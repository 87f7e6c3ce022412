/**
 * Passkeys (WebAuthn) with @simplewebauthn/server, which runs on WebCrypto in workerd. Core
 * holds the challenges and verifies; the Customer Worker stores the credentials.
 *
 * The relying party is the app: its id is APP_ORIGIN's host name (`localhost` locally), and only
 * APP_ORIGIN itself is an accepted origin. User verification (a PIN or biometric on the device)
 * is required, which is why a passkey sign-in satisfies two-factor on its own.
 *
 * Challenges are single-use and short-lived, in KV:
 *
 *   webauthn-reg:{userId}               → challenge   (5 minutes; a new request replaces it)
 *   webauthn-auth:{sha256(challenge)}   → "1"         (5 minutes)
 *
 * Each is deleted when a response naming it arrives, before that response is checked. KV is
 * eventually consistent (a deleted challenge can stay readable elsewhere for up to ~60 s, and two
 * racing requests can both read it), so D1 decides in the end: a sign-in is recorded by a
 * compare-and-set on the passkey's counter and on the last challenge it signed, so one assertion
 * signs in once. A counter that does not grow (when the authenticator counts) is refused and
 * logged as a cloned-authenticator signal, as is a change of the backup-eligible flag (fixed for
 * a credential's life); the backup-state flag is stored with every use.
 */
import type {
	AuthenticationResponseJSON,
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON,
	RegistrationResponseJSON,
} from "@simplewebauthn/server";
import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import {
	type NewPasskey,
	type PasskeyUse,
	type StoredPasskey,
	sha256Hex,
} from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import type { Context } from "hono";
import type { AppEnv } from "../types";

export const CHALLENGE_LIFETIME_S = 300;
const RP_NAME = "SmartPages";

interface RelyingParty {
	rpID: string;
	origin: string;
}

export function relyingParty(env: CoreEnv): RelyingParty {
	const origin = new URL(env.APP_ORIGIN);
	return { rpID: origin.hostname, origin: origin.origin };
}

const regKey = (userId: string) => `webauthn-reg:${userId}`;
const authKey = async (challenge: string) => `webauthn-auth:${await sha256Hex(challenge)}`;

/** Creation options for a new passkey of the account; its challenge waits in KV. */
export async function registrationOptions(
	c: Context<AppEnv>,
	user: { id: string; email: string },
	existing: StoredPasskey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
	const { rpID } = relyingParty(c.env);
	const options = await generateRegistrationOptions({
		rpName: RP_NAME,
		rpID,
		userName: user.email,
		userID: Uint8Array.from(new TextEncoder().encode(user.id)),
		attestationType: "none",
		timeout: CHALLENGE_LIFETIME_S * 1000,
		excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
		authenticatorSelection: { residentKey: "required", userVerification: "required" },
	});
	await c.env.SESSIONS.put(regKey(user.id), options.challenge, {
		expirationTtl: CHALLENGE_LIFETIME_S,
	});
	return options;
}

/**
 * Checks a registration against the account's pending challenge (used up either way); the
 * passkey to store, or null when it does not verify.
 */
export async function verifyRegistration(
	c: Context<AppEnv>,
	userId: string,
	response: RegistrationResponseJSON,
	name: string,
): Promise<NewPasskey | null> {
	const key = regKey(userId);
	const challenge = await c.env.SESSIONS.get(key);
	if (!challenge) return null;
	await c.env.SESSIONS.delete(key);
	const { rpID, origin } = relyingParty(c.env);
	try {
		const result = await verifyRegistrationResponse({
			response,
			expectedChallenge: challenge,
			expectedOrigin: origin,
			expectedRPID: rpID,
			requireUserVerification: true,
		});
		if (!result.verified) return null;
		const info = result.registrationInfo;
		return {
			credentialId: info.credential.id,
			publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
			signCount: info.credential.counter,
			transports: info.credential.transports ?? [],
			deviceType: info.credentialDeviceType,
			backedUp: info.credentialBackedUp,
			name,
		};
	} catch (error) {
		writeLog("info", "passkey registration refused", {
			requestId: c.get("requestId"),
			reason: String(error).slice(0, 200),
		});
		return null;
	}
}

/** Request options for a sign-in without an e-mail (discoverable credentials). */
export async function authenticationOptions(
	c: Context<AppEnv>,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
	const options = await generateAuthenticationOptions({
		rpID: relyingParty(c.env).rpID,
		userVerification: "required",
		timeout: CHALLENGE_LIFETIME_S * 1000,
	});
	await c.env.SESSIONS.put(await authKey(options.challenge), "1", {
		expirationTtl: CHALLENGE_LIFETIME_S,
	});
	return options;
}

/** The challenge a response's client data names, or null when it is not readable. */
function challengeOf(response: AuthenticationResponseJSON): string | null {
	try {
		const data: unknown = JSON.parse(isoBase64URL.toUTF8String(response.response.clientDataJSON));
		if (typeof data !== "object" || data === null || !("challenge" in data)) return null;
		return typeof data.challenge === "string" ? data.challenge : null;
	} catch {
		return null;
	}
}

/** The signature counter in authenticator data (bytes 33–36, big-endian), or null. */
function counterOf(response: AuthenticationResponseJSON): number | null {
	try {
		const data = isoBase64URL.toBuffer(response.response.authenticatorData);
		if (data.length < 37) return null;
		return new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(33);
	} catch {
		return null;
	}
}

/** The challenge was issued here and not used yet: it is used now. */
export async function consumeSignInChallenge(
	c: Context<AppEnv>,
	response: AuthenticationResponseJSON,
): Promise<string | null> {
	const challenge = challengeOf(response);
	if (!challenge || challenge.length > 512) return null;
	const key = await authKey(challenge);
	if ((await c.env.SESSIONS.get(key)) === null) return null;
	await c.env.SESSIONS.delete(key);
	return challenge;
}

/**
 * Checks an assertion for a stored passkey against a consumed challenge; what to record when it
 * holds, null otherwise. A counter that does not grow is logged as a cloned-authenticator signal.
 */
export async function verifySignIn(
	c: Context<AppEnv>,
	response: AuthenticationResponseJSON,
	challenge: string,
	passkey: StoredPasskey,
): Promise<PasskeyUse | null> {
	const requestId = c.get("requestId");
	if (response.response.userHandle !== undefined) {
		// The account the authenticator says the credential belongs to must be the stored one.
		let handle = "";
		try {
			handle = isoBase64URL.toUTF8String(response.response.userHandle);
		} catch {
			return null;
		}
		if (handle !== passkey.userId) return null;
	}
	const counter = counterOf(response);
	if (counter === null) return null;
	if ((counter > 0 || passkey.signCount > 0) && counter <= passkey.signCount) {
		writeLog("warn", "passkey sign counter did not grow: possible cloned authenticator", {
			requestId,
			passkeyId: passkey.id,
			userId: passkey.userId,
			storedCounter: passkey.signCount,
			receivedCounter: counter,
		});
		return null;
	}
	const { rpID, origin } = relyingParty(c.env);
	try {
		const result = await verifyAuthenticationResponse({
			response,
			expectedChallenge: challenge,
			expectedOrigin: origin,
			expectedRPID: rpID,
			credential: {
				id: passkey.credentialId,
				publicKey: isoBase64URL.toBuffer(passkey.publicKey),
				counter: passkey.signCount,
				transports: passkey.transports,
			},
			requireUserVerification: true,
		});
		if (!result.verified) return null;
		const info = result.authenticationInfo;
		// Backup eligibility is fixed for a credential's life (WebAuthn §6.1.3): a change means the
		// assertion does not come from the authenticator that registered it.
		if (info.credentialDeviceType !== passkey.deviceType) {
			writeLog("warn", "passkey backup eligibility changed: possible cloned authenticator", {
				requestId,
				passkeyId: passkey.id,
				userId: passkey.userId,
				stored: passkey.deviceType,
				received: info.credentialDeviceType,
			});
			return null;
		}
		return {
			id: passkey.id,
			expectedSignCount: passkey.signCount,
			signCount: info.newCounter,
			deviceType: info.credentialDeviceType,
			backedUp: info.credentialBackedUp,
			challengeHash: await sha256Hex(challenge),
		};
	} catch (error) {
		writeLog("info", "passkey sign-in refused", {
			requestId,
			reason: String(error).slice(0, 200),
		});
		return null;
	}
}
