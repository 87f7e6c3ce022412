/**
 * SQL helpers shared by the stores. Uniqueness is decided by the database (a check before a write
 * races with concurrent writers), so a unique-index violation is recognised here, in one place,
 * and callers turn it into the contract's 409 instead of a 500. A condition on another table that
 * must hold in the same statement (atomically) is built by that table's store as an `SqlCondition`
 * and composed by the caller, so each table's SQL stays in its own store.
 */

/**
 * True when `error` is SQLite refusing a duplicate in the unique index over `columns`, given as
 * SQLite reports them: "users.email", or "pages.user_id, pages.slug" for a composite index.
 */
export function isUniqueViolation(error: unknown, columns: string): boolean {
	const message = String(error);
	return message.includes("UNIQUE constraint failed") && message.includes(columns);
}

/** A boolean SQL expression with its parameters (plain `?` placeholders, in order). */
export interface SqlCondition {
	sql: string;
	params: (string | number | null)[];
}

/**
 * A query of another table's store composed into a caller's statement, like a condition: a
 * scalar subquery (one value) or a SELECT for a UNION, so one statement can read what two stores
 * own without either naming the other's table (issue 22.5: fewer statements per publish).
 */
export interface SqlQuery {
	sql: string;
	params: (string | number | null)[];
}

/** Whether D1 answers at all (Core's health check). */
export async function pingDatabase(db: D1Database): Promise<boolean> {
	const row = await db.prepare("SELECT 1 AS one").first<{ one: number }>();
	return row?.one === 1;
}
