/**
 * Recognises a unique-index violation reported by D1. Uniqueness is decided by the database (a
 * check before a write races with concurrent writers); callers turn this one error into the
 * contract's 409 instead of a 500.
 */

/** True when `error` is SQLite refusing a duplicate in `index` ("table.column", e.g. "users.email"). */
export function isUniqueViolation(error: unknown, index: string): boolean {
	const message = String(error);
	return message.includes("UNIQUE constraint failed") && message.includes(index);
}
