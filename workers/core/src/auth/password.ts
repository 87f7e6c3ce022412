/**
 * Password hashing with Argon2id (OWASP minimum: m = 19 MiB, t = 2, p = 1), stored as a PHC
 * string that records the parameters. The WebAssembly is imported as a module (Workers forbid
 * compiling it from bytes at run time) and instantiated once per isolate.
 */

import noSimdModule from "argon2id/dist/no-simd.wasm";
import simdModule from "argon2id/dist/simd.wasm";
import setupWasm, { type ComputeHash } from "argon2id/lib/setup.js";

export const PASSWORD_PARAMS = {
	algorithm: "argon2id",
	version: 19,
	memorySize: 19 * 1024,
	passes: 2,
	parallelism: 1,
	tagLength: 32,
	saltLength: 16,
} as const;

let argon2: Promise<ComputeHash> | null = null;

function loadArgon2(): Promise<ComputeHash> {
	argon2 ??= setupWasm(
		async (imports: WebAssembly.Imports) => ({
			instance: await WebAssembly.instantiate(simdModule, imports),
		}),
		async (imports: WebAssembly.Imports) => ({
			instance: await WebAssembly.instantiate(noSimdModule, imports),
		}),
	);
	return argon2;
}

const MIN_INPUT_BYTES = 8;
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, "");
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export interface HashParams {
	memorySize: number;
	passes: number;
	parallelism: number;
	tagLength: number;
	saltLength: number;
	version: number;
}

/** Hashes a password into a PHC string, with the current parameters unless told otherwise. */
export async function hashPassword(
	password: string,
	p: HashParams = PASSWORD_PARAMS,
): Promise<string> {
	const salt = crypto.getRandomValues(new Uint8Array(p.saltLength));
	const tag = (await loadArgon2())({
		password: new TextEncoder().encode(password),
		salt,
		parallelism: p.parallelism,
		passes: p.passes,
		memorySize: p.memorySize,
		tagLength: p.tagLength,
	});
	return `$argon2id$v=${p.version}$m=${p.memorySize},t=${p.passes},p=${p.parallelism}$${b64(salt)}$${b64(tag)}`;
}

export interface PhcParams {
	memorySize: number;
	passes: number;
	parallelism: number;
	salt: Uint8Array;
	tag: Uint8Array;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export function parsePhc(phc: string): PhcParams | null {
	const m = PHC.exec(phc);
	if (!m) return null;
	return {
		memorySize: Number(m[1]),
		passes: Number(m[2]),
		parallelism: Number(m[3]),
		salt: unb64(m[4] ?? ""),
		tag: unb64(m[5] ?? ""),
	};
}

/**
 * Checks a password against a stored PHC string (with the parameters recorded in it).
 * `needsRehash` says the stored parameters are older than the current ones.
 */
export async function verifyPassword(
	password: string,
	phc: string,
): Promise<{ valid: boolean; needsRehash: boolean }> {
	const params = parsePhc(phc);
	if (!params) return { valid: false, needsRehash: false };
	const bytes = new TextEncoder().encode(password);
	// The library refuses inputs under 8 bytes. No stored password is that short (the policy asks
	// for 8 characters), so such an input is wrong; it still costs one hash, for equal timing.
	const tooShort = bytes.length < MIN_INPUT_BYTES;
	const tag = (await loadArgon2())({
		password: tooShort ? new Uint8Array(MIN_INPUT_BYTES) : bytes,
		salt: params.salt,
		parallelism: params.parallelism,
		passes: params.passes,
		memorySize: params.memorySize,
		tagLength: params.tag.length,
	});
	const valid =
		!tooShort && tag.length === params.tag.length && crypto.subtle.timingSafeEqual(tag, params.tag);
	const p = PASSWORD_PARAMS;
	const needsRehash =
		params.memorySize !== p.memorySize ||
		params.passes !== p.passes ||
		params.parallelism !== p.parallelism ||
		params.tag.length !== p.tagLength;
	return { valid, needsRehash };
}

// A hash of a random password, so an unknown e-mail at login costs exactly one verification.
let dummy: Promise<string> | null = null;

/** Burns the same time as a real verification; always false. */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummy ??= hashPassword(crypto.randomUUID());
	await verifyPassword(password, await dummy);
	return false;
}
