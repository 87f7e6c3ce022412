/**
 * Two-factor helpers for Core's tests (issue 20): turn TOTP on for an account through the API,
 * and compute its codes as an authenticator app would (RFC 6238, the contracts' implementation).
 */
import { base32Decode, totpCode, totpStep } from "@smartpages/contracts";
import { type Account, call } from "./request";

/** The code of the step `delta` steps from now, for a base32 secret. */
export async function codeAt(secret: string, delta = 0): Promise<string> {
	const bytes = base32Decode(secret);
	if (!bytes) throw new Error("not a base32 secret");
	return totpCode(bytes, totpStep(Date.now()) + delta);
}

/** Sets TOTP up and turns it on (with the previous step's code, so the current one stays fresh). */
export async function enableTotp(
	owner: Account,
): Promise<{ secret: string; recoveryCodes: string[] }> {
	const setup = await call("POST /me/totp/setup", { as: owner });
	const { secret } = setup.body;
	const enabled = await call("POST /me/totp/enable", {
		as: owner,
		body: { code: await codeAt(secret, -1), password: owner.password },
	});
	return { secret, recoveryCodes: enabled.body.recoveryCodes };
}
