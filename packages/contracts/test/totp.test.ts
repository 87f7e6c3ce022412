/**
 * TOTP (src/totp.ts) against RFC 6238's test vectors (Appendix B), the ±1 step window and replay:
 * a code whose step is not after the last one used is refused.
 */
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, matchTotp, otpauthUrl, totpCode, totpStep } from "../src/totp";

const ascii = (s: string) => new TextEncoder().encode(s);
// RFC 6238 Appendix B: the seed is the ASCII digits repeated to the hash's key length.
const SEED = {
	"SHA-1": ascii("12345678901234567890"),
	"SHA-256": ascii("12345678901234567890123456789012"),
	"SHA-512": ascii("1234567890123456789012345678901234567890123456789012345678901234"),
} as const;

const VECTORS: [number, string, string, string][] = [
	[59, "94287082", "46119246", "90693936"],
	[1111111109, "07081804", "68084774", "25091201"],
	[1111111111, "14050471", "67062674", "99943326"],
	[1234567890, "89005924", "91819424", "93441116"],
	[2000000000, "69279037", "90698825", "38618901"],
	[20000000000, "65353130", "77737706", "47863826"],
];

describe("totp", () => {
	it.each(VECTORS)("RFC 6238 vector at T=%i", async (time, sha1, sha256, sha512) => {
		const step = totpStep(time * 1000);
		expect(await totpCode(SEED["SHA-1"], step, 8, "SHA-1")).toBe(sha1);
		expect(await totpCode(SEED["SHA-256"], step, 8, "SHA-256")).toBe(sha256);
		expect(await totpCode(SEED["SHA-512"], step, 8, "SHA-512")).toBe(sha512);
		// Six digits are the last six of the eight.
		expect(await totpCode(SEED["SHA-1"], step)).toBe(sha1.slice(2));
	});

	it("base32 round-trips and matches RFC 4648's vectors", () => {
		expect(base32Encode(ascii("foobar"))).toBe("MZXW6YTBOI");
		expect(base32Encode(ascii("f"))).toBe("MY");
		expect(base32Decode("MZXW6YTBOI======")).toEqual(ascii("foobar"));
		expect(base32Decode("mzxw 6ytb oi")).toEqual(ascii("foobar"));
		expect(base32Decode("MZ1W")).toBeNull();
		const bytes = crypto.getRandomValues(new Uint8Array(20));
		expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
	});

	it("accepts the previous, current and next step, nothing further", async () => {
		const secret = SEED["SHA-1"];
		const now = 1_700_000_000_000;
		const step = totpStep(now);
		for (const delta of [-1, 0, 1]) {
			expect(await matchTotp(secret, await totpCode(secret, step + delta), now, 0)).toBe(
				step + delta,
			);
		}
		for (const delta of [-3, -2, 2, 3]) {
			expect(await matchTotp(secret, await totpCode(secret, step + delta), now, 0)).toBeNull();
		}
	});

	it("refuses a replay: a step at or before the last one used", async () => {
		const secret = SEED["SHA-1"];
		const now = 1_700_000_000_000;
		const step = totpStep(now);
		const code = await totpCode(secret, step);
		expect(await matchTotp(secret, code, now, step - 1)).toBe(step);
		expect(await matchTotp(secret, code, now, step)).toBeNull();
		// The previous step's code after the current one was used: also refused.
		expect(await matchTotp(secret, await totpCode(secret, step - 1), now, step)).toBeNull();
	});

	it("refuses anything but six digits", async () => {
		for (const code of ["", "12345", "1234567", "12345a", " 123456", "１２３４５６"]) {
			expect(await matchTotp(SEED["SHA-1"], code, Date.now(), 0)).toBeNull();
		}
	});

	it("builds the otpauth URL authenticator apps read", () => {
		expect(otpauthUrl("JBSWY3DPEHPK3PXP", "anna@example.com")).toBe(
			"otpauth://totp/SmartPages:anna%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=SmartPages&algorithm=SHA1&digits=6&period=30",
		);
	});
});
