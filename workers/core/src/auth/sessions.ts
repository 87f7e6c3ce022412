/**
 * Sessions in KV. The browser holds a 256-bit random token; KV holds only its SHA-256, so a dump
 * of KV cannot be replayed. Idle timeout (7 days) and absolute lifetime (30 days) are enforced
 * here on every read, with the clock passed in so tests can move time.
 *
 *   session:{sha256(token)}        → SessionRecord
 *   user-session:{userId}:{sid}    → sha256(token)   (to list and end a user's sessions)
 *
 * KV is eventually consistent: a revoked session can stay valid in other locations for up to
 * ~60 seconds (documented in the README's security section).
 */
import { randomToken, sha256Hex } from "@smartpages/contracts";

export { sha256Hex };

export const IDLE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;
export const LAST_SEEN_INTERVAL_MS = 3600 * 1000;
// KV's smallest expirationTtl.
const MIN_TTL_S = 60;

export interface SessionRecord {
	sid: string;
	userId: string;
	createdAt: number;
	lastSeenAt: number;
	userAgent: string;
}

export interface Session extends SessionRecord {
	tokenHash: string;
}

const sessionKey = (hash: string) => `session:${hash}`;
const indexPrefix = (userId: string) => `user-session:${userId}:`;
const indexKey = (userId: string, sid: string) => `${indexPrefix(userId)}${sid}`;

function ttlSeconds(record: SessionRecord, now: number): number {
	const idleEnd = record.lastSeenAt + IDLE_TIMEOUT_MS;
	const absoluteEnd = record.createdAt + ABSOLUTE_LIFETIME_MS;
	return Math.max(MIN_TTL_S, Math.ceil((Math.min(idleEnd, absoluteEnd) - now) / 1000));
}

async function write(kv: KVNamespace, hash: string, record: SessionRecord, now: number) {
	const expirationTtl = ttlSeconds(record, now);
	await Promise.all([
		kv.put(sessionKey(hash), JSON.stringify(record), { expirationTtl }),
		kv.put(indexKey(record.userId, record.sid), hash, { expirationTtl }),
	]);
}

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
		lastSeenAt: now,
		userAgent: userAgent.slice(0, 256),
	};
	await write(kv, hash, record, now);
	return { token, session: { ...record, tokenHash: hash } };
}

/**
 * Resolves a cookie token to a live session, or null. Expired sessions are deleted on sight;
 * last-seen is refreshed at most once an hour (which also extends the idle window).
 */
export async function readSession(
	kv: KVNamespace,
	token: string,
	now: number,
): Promise<Session | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const hash = await sha256Hex(token);
	const record = await kv.get<SessionRecord>(sessionKey(hash), "json");
	if (!record) return null;
	const expired =
		now - record.lastSeenAt > IDLE_TIMEOUT_MS || now - record.createdAt > ABSOLUTE_LIFETIME_MS;
	if (expired) {
		await deleteByHash(kv, hash, record);
		return null;
	}
	if (now - record.lastSeenAt >= LAST_SEEN_INTERVAL_MS) {
		const refreshed = { ...record, lastSeenAt: now };
		await write(kv, hash, refreshed, now);
		return { ...refreshed, tokenHash: hash };
	}
	return { ...record, tokenHash: hash };
}

async function deleteByHash(kv: KVNamespace, hash: string, record: SessionRecord) {
	await Promise.all([kv.delete(sessionKey(hash)), kv.delete(indexKey(record.userId, record.sid))]);
}

export async function destroySession(kv: KVNamespace, session: Session): Promise<void> {
	await deleteByHash(kv, session.tokenHash, session);
}

/** Every live session of a user (KV list; may lag by the KV propagation window). */
export async function listSessions(kv: KVNamespace, userId: string): Promise<Session[]> {
	const sessions: Session[] = [];
	let cursor: string | undefined;
	do {
		const page = await kv.list({ prefix: indexPrefix(userId), cursor });
		const found = await Promise.all(
			page.keys.map(async ({ name }) => {
				const hash = await kv.get(name);
				if (!hash) return null;
				const record = await kv.get<SessionRecord>(sessionKey(hash), "json");
				return record ? { ...record, tokenHash: hash } : null;
			}),
		);
		for (const s of found) if (s) sessions.push(s);
		cursor = page.list_complete ? undefined : page.cursor;
	} while (cursor);
	return sessions.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
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
	await Promise.all([kv.delete(indexKey(userId, sid)), kv.delete(sessionKey(hash))]);
	return record?.userId === userId;
}

/** Ends every session of a user except `keepSid` (password change keeps the current one). */
export async function revokeAllSessions(
	kv: KVNamespace,
	userId: string,
	keepSid?: string,
): Promise<void> {
	const sessions = await listSessions(kv, userId);
	await Promise.all(
		sessions.filter((s) => s.sid !== keepSid).map((s) => deleteByHash(kv, s.tokenHash, s)),
	);
}
