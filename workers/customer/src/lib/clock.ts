/** Current time as the ISO 8601 UTC string stored in D1. */
export function nowIso(now: number = Date.now()): string {
	return new Date(now).toISOString();
}
