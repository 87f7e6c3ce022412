/**
 * An account's passkeys as the RPC surface offers them: add (after Core verified the
 * registration), list, rename, delete, look up for a sign-in and record its use. Expected
 * failures are `Result`s: another account's passkey is `not_found`, a credential registered
 * twice is `conflict`, a sign-in that lost the counter's compare-and-set is `invalid_credentials`.
 */
import {
	fail,
	type NewPasskey,
	ok,
	type Passkey,
	type PasskeyUse,
	type Result,
	type StoredPasskey,
} from "@smartpages/contracts";
import * as store from "./store";

const NOT_FOUND = () => fail("not_found", "No such passkey.");

export async function addPasskey(
	db: D1Database,
	userId: string,
	input: NewPasskey,
): Promise<Result<Passkey>> {
	const added = await store.insertPasskey(db, userId, input);
	return added ? ok(added) : fail("conflict", "This passkey is registered already.");
}

export async function renamePasskey(
	db: D1Database,
	userId: string,
	id: string,
	name: string,
): Promise<Result<Passkey>> {
	const renamed = await store.renamePasskey(db, userId, id, name);
	return renamed ? ok(renamed) : NOT_FOUND();
}

export async function deletePasskey(
	db: D1Database,
	userId: string,
	id: string,
): Promise<Result<null>> {
	return (await store.deletePasskey(db, userId, id)) ? ok(null) : NOT_FOUND();
}

export async function findPasskey(
	db: D1Database,
	credentialId: string,
): Promise<Result<StoredPasskey>> {
	const found = await store.findByCredentialId(db, credentialId);
	return found ? ok(found) : NOT_FOUND();
}

export async function recordPasskeyUse(db: D1Database, use: PasskeyUse): Promise<Result<null>> {
	if (await store.recordUse(db, use)) return ok(null);
	return fail("invalid_credentials", "This passkey was used at the same time elsewhere.");
}
