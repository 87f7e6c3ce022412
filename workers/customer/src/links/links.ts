/** Links as the RPC surface answers them: store rows mapped to the contract's `Link`. */
import {
	type CreateLinkBody,
	fail,
	type Limit,
	type Link,
	ok,
	type PatchLinkBody,
	type Result,
} from "@smartpages/contracts";
import { findPage } from "../pages/store";
import {
	createLink as createLinkRow,
	listLinks as listLinkRows,
	reorderLinks as reorderLinkRows,
	toLink,
	updateLink as updateLinkRow,
} from "./store";

export { deleteLink } from "./store";

export async function listLinks(
	db: D1Database,
	userId: string,
	pageId: string,
): Promise<Result<Link[]>> {
	const [page, rows] = await Promise.all([
		findPage(db, userId, pageId),
		listLinkRows(db, userId, pageId),
	]);
	if (!page) return fail("not_found", "No such page.");
	return ok(rows.map(toLink));
}

export async function createLink(
	db: D1Database,
	userId: string,
	pageId: string,
	input: CreateLinkBody,
	limit: Limit,
): Promise<Result<Link>> {
	const result = await createLinkRow(db, userId, pageId, input, limit);
	return result.ok ? ok(toLink(result.value)) : result;
}

export async function updateLink(
	db: D1Database,
	userId: string,
	pageId: string,
	linkId: string,
	patch: PatchLinkBody,
): Promise<Result<Link>> {
	const result = await updateLinkRow(db, userId, pageId, linkId, patch);
	return result.ok ? ok(toLink(result.value)) : result;
}

export async function reorderLinks(
	db: D1Database,
	userId: string,
	pageId: string,
	ids: string[],
): Promise<Result<Link[]>> {
	const result = await reorderLinkRows(db, userId, pageId, ids);
	return result.ok ? ok(result.value.map(toLink)) : result;
}
