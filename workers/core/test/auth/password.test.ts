/**
 * Password hashing: the parameters are pinned to the OWASP minimum for Argon2id, the stored
 * string records them, nothing is truncated, and older parameters are re-hashed at login.
 */
import { describe, expect, it } from "vitest";
import { hashPassword, PASSWORD_PARAMS, parsePhc, verifyPassword } from "../../src/auth/password";

describe("Argon2id parameters", () => {
	it("are pinned to m = 19 MiB, t = 2, p = 1 (OWASP Password Storage minimum)", () => {
		expect(PASSWORD_PARAMS).toMatchObject({
			algorithm: "argon2id",
			version: 19,
			memorySize: 19456,
			passes: 2,
			parallelism: 1,
		});
	});

	it("are recorded in a PHC string with a random salt", async () => {
		const a = await hashPassword("correct horse battery");
		const b = await hashPassword("correct horse battery");
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
		expect(a).not.toBe(b);
		expect(parsePhc(a)?.salt).toHaveLength(16);
	});
});

describe("verification", () => {
	it("accepts the password and refuses anything else", async () => {
		const hash = await hashPassword("correct horse battery");
		expect(await verifyPassword("correct horse battery", hash)).toEqual({
			valid: true,
			needsRehash: false,
		});
		expect((await verifyPassword("correct horse batterY", hash)).valid).toBe(false);
		expect((await verifyPassword("", hash)).valid).toBe(false);
		expect((await verifyPassword("x", "not a phc string")).valid).toBe(false);
	});

	it("does not truncate long passwords (128 characters, multi-byte)", async () => {
		const long = `${"ä🔑".repeat(63)}ab`;
		expect([...long]).toHaveLength(128);
		const hash = await hashPassword(long);
		expect((await verifyPassword(long, hash)).valid).toBe(true);
		expect((await verifyPassword(long.slice(0, -1), hash)).valid).toBe(false);
		expect((await verifyPassword(`${long.slice(0, -1)}c`, hash)).valid).toBe(false);
	});

	it("asks for a re-hash when the stored parameters are older than the current ones", async () => {
		const old = await hashPassword("correct horse battery", {
			...PASSWORD_PARAMS,
			memorySize: 4096,
			passes: 3,
		});
		expect(old).toContain("$m=4096,t=3,p=1$");
		expect(await verifyPassword("correct horse battery", old)).toEqual({
			valid: true,
			needsRehash: true,
		});
	});
});
