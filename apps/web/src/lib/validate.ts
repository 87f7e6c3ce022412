/**
 * Client-side checks with the very schemas Core validates with (from @smartpages/contracts), so
 * the dashboard never accepts what the API would refuse, nor refuses what it would accept.
 * Reasons come back in the server's wording and are localised like server field errors.
 */
import type { FieldErrors } from "@smartpages/contracts";

interface Issue {
	path: PropertyKey[];
	message: string;
}

type SafeResult<T> =
	| { success: true; data: T }
	| { success: false; error: { issues: readonly Issue[] } };

export type Checked<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

/** Validates `value`; on failure returns the first reason per field (paths joined with "."). */
export function check<T>(
	schema: { safeParse(value: unknown): SafeResult<T> },
	value: unknown,
): Checked<T> {
	const result = schema.safeParse(value);
	if (result.success) return { ok: true, data: result.data };
	const fields: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "form";
		fields[key] ??= issue.message;
	}
	return { ok: false, fields };
}
