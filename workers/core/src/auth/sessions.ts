/**
 * Sessions in KV. The browser holds a 256-bit random token; KV holds only its SHA-256, so a dump
 * of KV cannot be replayed. Idle timeout (7 days) and absolute lifetime (30 days) are enforced
 * here on every read, with the clock passed in so tests can move time.
 *
 *   session:{sha256(token)}        → SessionRecord   (written once, at creation)
 *   session-seen:{sha256(token)}   → last-seen, ms   (written at most every 5 minutes by a read)
 *   user-session:{userId}:{sid}    → sha256(token)   (written once; to list and end sessions)
 *
 * The record is the session: it exists from creation until revocation or expiry and is never
 * rewritten. A read writes only the last-seen key beside it, so a read racing a logout (or a
 * stale copy read in another location) cannot bring a revoked record back: without its record a
 * last-seen key is nothing, and a read whose last-seen write meets a vanished record answers as
 * revoked and removes that key again (architecture.md, "Sessions in KV": revocation wins).
 *
 * KV is eventually consistent: a revoked session can stay valid in other locations for up to
 * ~60 seconds (documented in the README's security section).
 */
import { randomToken, sha256Hex } from "@smartpages/contracts";

export { sha256Hex };

export const IDLE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;
// Fine enough for the sessions list's "last active" to be true to the minutes (issue 19: once an
// hour it showed the sign-in time after 12 minutes of use), coarse enough to keep KV writes few.
export const LAST_SEEN_INTERVAL_MS = 5 * 60 * 1000;
// KV's smallest expirationTtl.
const MIN_TTL_S = 60;

/** What KV holds under `session:`; nothing in it changes after creation. */
export interface SessionRecord {
	sid: string;
	userId: string;
	createdAt: number;
	userAgent: string;
}

/** A live session as the app sees it: the record, its last-seen time and the token's hash. */
export interface Session extends SessionRecord {
	lastSeenAt: number;
	tokenHash: string;
}

// Records written before last-seen moved beside them carry their own (a lower bound now).
type StoredRecord = SessionRecord & { lastSeenAt?: number };

const sessionKey = (hash: string) => `session:${hash}`;
const seenKey = (hash: string) => `session-seen:${hash}`;
const indexPrefix = (userId: string) => `user-session:${userId}:`;
const indexKey = (userId: string, sid: string) => `${indexPrefix(userId)}${sid}`;

const ttlUntil = (end: number, now: number) => Math.max(MIN_TTL_S, Math.ceil((end - now) / 1000));

const absoluteEnd = (record: SessionRecord) => record.createdAt + ABSOLUTE_LIFETIME_MS;

function lastSeenOf(record: StoredRecord, seen: string | null): number {
	const written = seen === null ? Number.NaN : Number(seen);
	return Math.max(
		record.createdAt,
		record.lastSeenAt ?? record.createdAt,
		Number.isFinite(written) ? written : record.createdAt,
	);
}

function isExpired(record: SessionRecord, lastSeenAt: number, now: number): boolean {
	return now - lastSeenAt > IDLE_TIMEOUT_MS || now - record.createdAt > ABSOLUTE_LIFETIME_MS;
}

const toSession = (record: StoredRecord, lastSeenAt: number, tokenHash: string): Session => ({
	sid: record.sid,
	userId: record.userId,
	createdAt: record.createdAt,
	userAgent: record.userAgent,
	lastSeenAt,
	tokenHash,
});

/** Creates a session and returns the raw token for the cookie (the only place it exists). */
export async function createSession(
	kv: KVNamespace,
	userId: string,
	userAgent: string,
	now: number,
): Promise<{ token: string; session: Session }> {
	const token = randomToken(32);
	const hash = await sha256Hex(token);
	const record: SessionRecord = {
		sid: randomToken(12),
		userId,
		createdAt: now,
		userAgent: userAgent.slice(0, 256),
	};
	// Record and index live as long as the absolute lifetime; idle expiry is decided on read.
	const expirationTtl = ttlUntil(absoluteEnd(record), now);
	await Promise.all([
		kv.put(sessionKey(hash), JSON.stringify(record), { expirationTtl }),
		kv.put(indexKey(userId, record.sid), hash, { expirationTtl }),
	]);
	return { token, session: toSession(record, now, hash) };
}

/**
 * Resolves a cookie token to a live session, or null. Expired sessions are deleted on sight;
 * last-seen is refreshed at most every 5 minutes (which also extends the idle window).
 */
export async function readSession(
	kv: KVNamespace,
	token: string,
	now: number,
): Promise<Session | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const hash = await sha256Hex(token);
	const [record, seen] = await Promise.all([
		kv.get<StoredRecord>(sessionKey(hash), "json"),
		kv.get(seenKey(hash)),
	]);
	// No record, no session, whatever last-seen says.
	if (!record) return null;
	const lastSeenAt = lastSeenOf(record, seen);
	if (isExpired(record, lastSeenAt, now)) {
		await deleteByHash(kv, hash, record);
		return null;
	}
	if (now - lastSeenAt < LAST_SEEN_INTERVAL_MS) return toSession(record, lastSeenAt, hash);

	const idleEnd = Math.min(now + IDLE_TIMEOUT_MS, absoluteEnd(record));
	await kv.put(seenKey(hash), String(now), { expirationTtl: ttlUntil(idleEnd, now) });
	// A revocation may have landed since the record was read: then it wins, for this request too,
	// and the last-seen key just written goes with it.
	if ((await kv.get(sessionKey(hash))) === null) {
		await kv.delete(seenKey(hash));
		return null;
	}
	return toSession(record, now, hash);
}

async function deleteByHash(kv: KVNamespace, hash: string, record: SessionRecord) {
	await Promise.all([
		kv.delete(sessionKey(hash)),
		kv.delete(seenKey(hash)),
		kv.delete(indexKey(record.userId, record.sid)),
	]);
}

export async function destroySession(kv: KVNamespace, session: Session): Promise<void> {
	await deleteByHash(kv, session.tokenHash, session);
}

/** Every indexed session of a user whose record still exists, live or expired. */
async function indexedSessions(kv: KVNamespace, userId: string): Promise<Session[]> {
	const sessions: Session[] = [];
	let cursor: string | undefined;
	do {
		const page = await kv.list({ prefix: indexPrefix(userId), cursor });
		const found = await Promise.all(
			page.keys.map(async ({ name }) => {
				const hash = await kv.get(name);
				if (!hash) return null;
				const [record, seen] = await Promise.all([
					kv.get<StoredRecord>(sessionKey(hash), "json"),
					kv.get(seenKey(hash)),
				]);
				// The index entry alone is not a session (it outlives a record only by a race).
				return record ? toSession(record, lastSeenOf(record, seen), hash) : null;
			}),
		);
		for (const s of found) if (s) sessions.push(s);
		cursor = page.list_complete ? undefined : page.cursor;
	} while (cursor);
	return sessions;
}

/**
 * Every live session of a user, most recently seen first (KV list; may lag by the KV propagation
 * window). Records stay in KV for their absolute lifetime, so idle ones are left out here.
 */
export async function listSessions(
	kv: KVNamespace,
	userId: string,
	now: number = Date.now(),
): Promise<Session[]> {
	const sessions = await indexedSessions(kv, userId);
	return sessions
		.filter((s) => !isExpired(s, s.lastSeenAt, now))
		.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
}

/** Ends one session of a user by its public id; false when it is not theirs or not there. */
export async function revokeSession(
	kv: KVNamespace,
	userId: string,
	sid: string,
): Promise<boolean> {
	if (!/^[A-Za-z0-9_-]{16}$/.test(sid)) return false;
	const hash = await kv.get(indexKey(userId, sid));
	if (!hash) return false;
	const record = await kv.get<SessionRecord>(sessionKey(hash), "json");
	await Promise.all([
		kv.delete(indexKey(userId, sid)),
		kv.delete(sessionKey(hash)),
		kv.delete(seenKey(hash)),
	]);
	return record?.userId === userId;
}

/** Ends every session of a user except `keepSid` (password change keeps the current one). */
export async function revokeAllSessions(
	kv: KVNamespace,
	userId: string,
	keepSid?: string,
): Promise<void> {
	const sessions = await indexedSessions(kv, userId);
	await Promise.all(
		sessions.filter((s) => s.sid !== keepSid).map((s) => deleteByHash(kv, s.tokenHash, s)),
	);
}
