/**
 * Sessions against real local KV with a controllable clock: idle timeout, absolute lifetime,
 * last-seen throttling, revocation, and no raw token in KV. Revocation racing a last-seen refresh
 * is replayed with a KV namespace that runs the revocation at a chosen point of the read.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	ABSOLUTE_LIFETIME_MS,
	createSession,
	destroySession,
	IDLE_TIMEOUT_MS,
	LAST_SEEN_INTERVAL_MS,
	listSessions,
	readSession,
	revokeAllSessions,
	revokeSession,
	sha256Hex,
} from "../src/auth/sessions";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1);
let counter = 0;
const newUser = () => `usr_test${String(++counter).padStart(16, "0")}`;

async function dumpKv(): Promise<string> {
	const parts: string[] = [];
	const { keys } = await env.SESSIONS.list();
	for (const { name } of keys) parts.push(name, (await env.SESSIONS.get(name)) ?? "");
	return parts.join("\n");
}

describe("session tokens", () => {
	it("are 256-bit random base64url strings, and KV holds only their SHA-256 (no raw token)", async () => {
		const { token, session } = await createSession(env.SESSIONS, newUser(), "test", T0);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(session.tokenHash).toBe(await sha256Hex(token));
		const dump = await dumpKv();
		expect(dump).toContain(session.tokenHash);
		expect(dump).not.toContain(token);
	});

	it("rejects malformed and unknown tokens", async () => {
		expect(await readSession(env.SESSIONS, "short", T0)).toBeNull();
		expect(await readSession(env.SESSIONS, "A".repeat(43), T0)).toBeNull();
	});
});

describe("idle timeout (7 days) and absolute lifetime (30 days)", () => {
	it("expires a session idle for more than 7 days, and deletes it", async () => {
		const { token } = await createSession(env.SESSIONS, newUser(), "test", T0);
		expect(await readSession(env.SESSIONS, token, T0 + IDLE_TIMEOUT_MS - 1)).not.toBeNull();
		const { token: idle } = await createSession(env.SESSIONS, newUser(), "test", T0);
		expect(await readSession(env.SESSIONS, idle, T0 + IDLE_TIMEOUT_MS + 1)).toBeNull();
		expect(await readSession(env.SESSIONS, idle, T0)).toBeNull();
	});

	it("keeps an active session alive, but never beyond 30 days", async () => {
		const { token } = await createSession(env.SESSIONS, newUser(), "test", T0);
		for (let day = 6; day < 30; day += 6) {
			expect(await readSession(env.SESSIONS, token, T0 + day * DAY), `day ${day}`).not.toBeNull();
		}
		expect(await readSession(env.SESSIONS, token, T0 + ABSOLUTE_LIFETIME_MS + 1)).toBeNull();
	});

	it("writes last-seen at most every 5 minutes, beside the record", async () => {
		const { token, session } = await createSession(env.SESSIONS, newUser(), "test", T0);
		const stored = async () => {
			const seen = await env.SESSIONS.get(`session-seen:${session.tokenHash}`);
			return seen === null ? null : Number(seen);
		};
		await readSession(env.SESSIONS, token, T0 + 4 * MINUTE);
		expect(await stored()).toBeNull();
		const read = await readSession(env.SESSIONS, token, T0 + LAST_SEEN_INTERVAL_MS + 1);
		expect(read?.lastSeenAt).toBe(T0 + LAST_SEEN_INTERVAL_MS + 1);
		expect(await stored()).toBe(T0 + LAST_SEEN_INTERVAL_MS + 1);
		await readSession(env.SESSIONS, token, T0 + LAST_SEEN_INTERVAL_MS + 2);
		expect(await stored()).toBe(T0 + LAST_SEEN_INTERVAL_MS + 1);
	});

	it("#19.8 'last active' follows use: after 12 minutes of activity it is not the sign-in time", async () => {
		const user = newUser();
		const { token } = await createSession(env.SESSIONS, user, "test", T0);
		for (let minute = 1; minute <= 12; minute += 1) {
			await readSession(env.SESSIONS, token, T0 + minute * MINUTE);
		}
		const [listed] = await listSessions(env.SESSIONS, user, T0 + 12 * MINUTE);
		expect(listed?.lastSeenAt).toBeGreaterThanOrEqual(T0 + 10 * MINUTE);
	});

	it("#14.1 a read never rewrites the session record (only creation writes it)", async () => {
		const { token, session } = await createSession(env.SESSIONS, newUser(), "test", T0);
		const record = () => env.SESSIONS.get(`session:${session.tokenHash}`);
		const index = () => env.SESSIONS.get(`user-session:${session.userId}:${session.sid}`);
		const before = [await record(), await index()];
		for (const at of [T0 + 2 * HOUR, T0 + 3 * DAY, T0 + 9 * DAY]) {
			expect(await readSession(env.SESSIONS, token, at), `at ${at - T0} ms`).not.toBeNull();
		}
		expect([await record(), await index()]).toEqual(before);
	});

	it("idle expiry follows the last-seen key: 7 days after the last refresh, not creation", async () => {
		const { token } = await createSession(env.SESSIONS, newUser(), "test", T0);
		expect(await readSession(env.SESSIONS, token, T0 + 5 * DAY)).not.toBeNull();
		expect(
			await readSession(env.SESSIONS, token, T0 + 5 * DAY + IDLE_TIMEOUT_MS - 1),
		).not.toBeNull();
		const { token: other } = await createSession(env.SESSIONS, newUser(), "test", T0);
		expect(await readSession(env.SESSIONS, other, T0 + 5 * DAY)).not.toBeNull();
		expect(await readSession(env.SESSIONS, other, T0 + 5 * DAY + IDLE_TIMEOUT_MS + 1)).toBeNull();
	});
});

type KvOp = "get" | "put" | "delete";

/**
 * `kv` that runs `between` once, right after the first operation `when` matches has completed
 * and before its caller continues: a revocation landing in the middle of a read.
 */
function interleaved(
	kv: KVNamespace,
	when: (op: KvOp, key: string) => boolean,
	between: () => Promise<void>,
): KVNamespace {
	let fired = false;
	return new Proxy(kv, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property);
			if (typeof value !== "function") return value;
			if (property !== "get" && property !== "put" && property !== "delete") {
				return value.bind(target);
			}
			return async (...args: unknown[]) => {
				const result: unknown = await Reflect.apply(value, target, args);
				if (!fired && when(property, String(args[0]))) {
					fired = true;
					await between();
				}
				return result;
			};
		},
	});
}

/** Every KV key that still belongs to a session: its record, its last-seen and its index entry. */
async function keysOf(hash: string, userId: string, sid: string): Promise<string[]> {
	const names = [`session:${hash}`, `session-seen:${hash}`, `user-session:${userId}:${sid}`];
	const values = await Promise.all(names.map((name) => env.SESSIONS.get(name)));
	return names.filter((_, i) => values[i] !== null);
}

describe("#14.1 revocation wins over a last-seen refresh", () => {
	it.for([
		[
			"between the read of the record and the last-seen write",
			(op: KvOp, key: string) => op === "get" && key.startsWith("session:"),
		],
		["right after the last-seen write", (op: KvOp) => op === "put"],
	] as const)("#14.1 a session revoked %s stays dead", async ([, when]) => {
		const user = newUser();
		const { token, session } = await createSession(env.SESSIONS, user, "test", T0);
		const racing = interleaved(env.SESSIONS, when, () => destroySession(env.SESSIONS, session));
		// Two hours after creation: this read is due to refresh last-seen.
		expect(await readSession(racing, token, T0 + 2 * HOUR)).toBeNull();
		for (const later of [T0 + 2 * HOUR, T0 + 3 * HOUR, T0 + 6 * DAY]) {
			expect(await readSession(env.SESSIONS, token, later), `at ${later - T0} ms`).toBeNull();
		}
		expect(await listSessions(env.SESSIONS, user, T0 + 3 * HOUR)).toEqual([]);
		expect(await keysOf(session.tokenHash, user, session.sid)).toEqual([]);
	});

	it("a last-seen key without its record is no session", async () => {
		const user = newUser();
		const { token, session } = await createSession(env.SESSIONS, user, "test", T0);
		await destroySession(env.SESSIONS, session);
		// A late last-seen write (another location's stale read, say) lands after the revocation.
		await env.SESSIONS.put(`session-seen:${session.tokenHash}`, String(T0 + HOUR));
		expect(await readSession(env.SESSIONS, token, T0 + 2 * HOUR)).toBeNull();
		expect(await listSessions(env.SESSIONS, user, T0 + 2 * HOUR)).toEqual([]);
		expect(await env.SESSIONS.get(`session:${session.tokenHash}`)).toBeNull();
	});
});

describe("revocation", () => {
	it("ends one session by id only for its own user", async () => {
		const user = newUser();
		const { token, session } = await createSession(env.SESSIONS, user, "test", T0);
		expect(await revokeSession(env.SESSIONS, newUser(), session.sid)).toBe(false);
		expect(await readSession(env.SESSIONS, token, T0)).not.toBeNull();
		expect(await revokeSession(env.SESSIONS, user, session.sid)).toBe(true);
		expect(await readSession(env.SESSIONS, token, T0)).toBeNull();
	});

	it("#14.1 the list shows last-seen from beside the record and leaves out idle sessions", async () => {
		const user = newUser();
		const active = await createSession(env.SESSIONS, user, "active", T0);
		await createSession(env.SESSIONS, user, "idle", T0);
		await readSession(env.SESSIONS, active.token, T0 + 6 * DAY);
		const listed = await listSessions(env.SESSIONS, user, T0 + 8 * DAY);
		expect(listed.map((s) => [s.userAgent, s.lastSeenAt])).toEqual([["active", T0 + 6 * DAY]]);
	});

	it("ends every other session of a user and keeps the named one", async () => {
		const user = newUser();
		const a = await createSession(env.SESSIONS, user, "a", T0);
		const b = await createSession(env.SESSIONS, user, "b", T0);
		const c = await createSession(env.SESSIONS, user, "c", T0);
		expect(await listSessions(env.SESSIONS, user, T0)).toHaveLength(3);
		await revokeAllSessions(env.SESSIONS, user, b.session.sid);
		expect(await readSession(env.SESSIONS, a.token, T0)).toBeNull();
		expect(await readSession(env.SESSIONS, b.token, T0)).not.toBeNull();
		expect(await readSession(env.SESSIONS, c.token, T0)).toBeNull();
		expect((await listSessions(env.SESSIONS, user, T0)).map((s) => s.sid)).toEqual([b.session.sid]);
	});
});
