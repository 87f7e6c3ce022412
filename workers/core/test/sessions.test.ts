/**
 * Sessions against real local KV with a controllable clock: idle timeout, absolute lifetime,
 * last-seen throttling, revocation, and no raw token in KV.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	ABSOLUTE_LIFETIME_MS,
	createSession,
	IDLE_TIMEOUT_MS,
	listSessions,
	readSession,
	revokeAllSessions,
	revokeSession,
	type SessionRecord,
	sha256Hex,
} from "../src/auth/sessions";

const HOUR = 3600 * 1000;
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

	it("writes last-seen at most once an hour", async () => {
		const { token, session } = await createSession(env.SESSIONS, newUser(), "test", T0);
		const stored = async () =>
			(await env.SESSIONS.get<SessionRecord>(`session:${session.tokenHash}`, "json"))?.lastSeenAt;
		await readSession(env.SESSIONS, token, T0 + 30 * 60 * 1000);
		expect(await stored()).toBe(T0);
		await readSession(env.SESSIONS, token, T0 + HOUR + 1);
		expect(await stored()).toBe(T0 + HOUR + 1);
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

	it("ends every other session of a user and keeps the named one", async () => {
		const user = newUser();
		const a = await createSession(env.SESSIONS, user, "a", T0);
		const b = await createSession(env.SESSIONS, user, "b", T0);
		const c = await createSession(env.SESSIONS, user, "c", T0);
		expect(await listSessions(env.SESSIONS, user)).toHaveLength(3);
		await revokeAllSessions(env.SESSIONS, user, b.session.sid);
		expect(await readSession(env.SESSIONS, a.token, T0)).toBeNull();
		expect(await readSession(env.SESSIONS, b.token, T0)).not.toBeNull();
		expect(await readSession(env.SESSIONS, c.token, T0)).toBeNull();
		expect((await listSessions(env.SESSIONS, user)).map((s) => s.sid)).toEqual([b.session.sid]);
	});
});
