/**
 * Issue 3 security requirements, each named, over real HTTP against the running stack.
 */
import { describe, expect, it } from "vitest";
import {
	type Answer,
	type ApiError,
	bareClient,
	client,
	mailTo,
	newerToken,
	PASSWORD,
	randomIp,
	signedUp,
	stack,
	tokenFrom,
	uniqueEmail,
	verifiedAccount,
} from "../support/api.ts";

describe("no account enumeration", () => {
	it("sign-up with a registered address answers the same 201 shape, without a session, and mails the owner", async () => {
		const { email } = await signedUp();
		const again = await client().call("POST /auth/signup", {
			body: {
				email,
				password: "something else entirely",
			},
		});
		const fresh = await client().call("POST /auth/signup", {
			body: {
				email: uniqueEmail(),
				password: PASSWORD,
			},
		});
		expect(again.status).toBe(201);
		expect(Object.keys(again.body.user).sort()).toEqual(Object.keys(fresh.body.user).sort());
		expect(again.headers.get("Set-Cookie")).toBeNull();
		expect(fresh.headers.get("Set-Cookie")).not.toBeNull();
		await mailTo(email, /tried to sign up/);
	});

	it("#14.11 the sign-up decoy's id comes from the real id generator", async () => {
		const { email, userId } = await signedUp();
		const realId = /^usr_[0-9a-hjkmnp-tv-z]{20}$/;
		expect(userId).toMatch(realId);
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			const again = await client().call("POST /auth/signup", {
				body: {
					email,
					password: `something else ${i}`,
				},
			});
			expect(again.status).toBe(201);
			expect(again.body.user.id).toMatch(realId);
			ids.push(again.body.user.id);
		}
		// The old decoy was hex (with a fixed "4"); real ids use 32 characters.
		expect(ids.some((id) => /[g-z]/.test(id.slice(4)))).toBe(true);
	});

	it("login answers an unknown address exactly like a wrong password", async () => {
		const { email } = await signedUp();
		const wrong = await client().call("POST /auth/login", {
			body: { email, password: "not the password" },
		});
		const unknown = await client().call("POST /auth/login", {
			body: {
				email: uniqueEmail(),
				password: "not the password",
			},
		});
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		const strip = (b: ApiError) => ({ ...b, requestId: "" });
		expect(strip(unknown.error)).toEqual(strip(wrong.error));
	});

	it("an unknown address at login still costs one password hash (comparable timing)", async () => {
		const { email } = await signedUp();
		const time = async (address: string) => {
			const samples: number[] = [];
			for (let i = 0; i < 5; i++) {
				const started = performance.now();
				await client().call("POST /auth/login", {
					body: { email: address, password: "not the password" },
				});
				samples.push(performance.now() - started);
			}
			return samples.sort((a, b) => a - b)[2] ?? 0;
		};
		const known = await time(email);
		const unknown = await time(uniqueEmail());
		// Without the dummy hash an unknown address answers ~10x faster; with it, both cost one hash.
		expect(unknown / known).toBeGreaterThan(0.5);
		expect(unknown / known).toBeLessThan(2);
	});

	it("forgot-password answers 202 with an empty body for known and unknown addresses", async () => {
		const { email } = await signedUp();
		const known = await client().call("POST /auth/password/forgot", { body: { email } });
		const unknown = await client().call("POST /auth/password/forgot", {
			body: { email: uniqueEmail() },
		});
		expect([known.status, unknown.status]).toEqual([202, 202]);
		expect([known.text, unknown.text]).toEqual(["", ""]);
	});
});

describe("session rotation", () => {
	it("issues a new token at every login and destroys the previous session", async () => {
		const { api, email } = await signedUp();
		const first = api.cookie;
		expect(
			(await api.call("POST /auth/login", { body: { email, password: PASSWORD } })).status,
		).toBe(200);
		const second = api.cookie;
		expect(second).not.toBe(first);
		const stale = client();
		stale.cookie = first;
		expect((await stale.call("GET /me")).status).toBe(401);
		expect((await api.call("GET /me")).status).toBe(200);
	});

	it("logout destroys the session server-side and clears the cookie", async () => {
		const { api } = await signedUp();
		const token = api.cookie;
		const res = await api.call("POST /auth/logout");
		expect(res.status).toBe(204);
		expect(res.headers.get("Set-Cookie")).toMatch(/^__Host-sp_session=; Max-Age=0/);
		const replay = client();
		replay.cookie = token;
		expect((await replay.call("GET /me")).status).toBe(401);
	});

	it("a password change ends every other session but keeps the current one", async () => {
		const { api, email } = await signedUp();
		const other = client();
		await other.call("POST /auth/login", { body: { email, password: PASSWORD } });
		const change = await api.call("POST /me/password", {
			body: {
				currentPassword: PASSWORD,
				newPassword: "brand new passphrase 7",
			},
		});
		expect(change.status).toBe(204);
		expect((await api.call("GET /me")).status).toBe(200);
		expect((await other.call("GET /me")).status).toBe(401);
	});

	it("a wrong current password changes nothing", async () => {
		const { api, email } = await signedUp();
		const res = await api.call("POST /me/password", {
			body: {
				currentPassword: "wrong one here",
				newPassword: "brand new passphrase 7",
			},
		});
		expect(res.status).toBe(400);
		expect(res.error.fields).toHaveProperty("currentPassword");
		expect(
			(await client().call("POST /auth/login", { body: { email, password: PASSWORD } })).status,
		).toBe(200);
	});

	it("lists sessions and revokes one; another account's session id is 404", async () => {
		const { api, email } = await signedUp();
		const laptop = client();
		await laptop.call("POST /auth/login", { body: { email, password: PASSWORD } });
		const list = await api.call("GET /me/sessions");
		expect(list.body.sessions).toHaveLength(2);
		const other = list.body.sessions.find((s) => !s.current);
		expect(other).toBeDefined();
		const intruder = await signedUp();
		expect(
			(await intruder.api.call("DELETE /me/sessions/:id", { params: { id: String(other?.id) } }))
				.status,
		).toBe(404);
		expect((await laptop.call("GET /me")).status).toBe(200);
		expect(
			(await api.call("DELETE /me/sessions/:id", { params: { id: String(other?.id) } })).status,
		).toBe(204);
		expect((await laptop.call("GET /me")).status).toBe(401);
	});
});

describe("single-use tokens", () => {
	it("two simultaneous uses of one verification token: exactly one succeeds", async () => {
		const { email } = await signedUp();
		const token = tokenFrom(await mailTo(email, /confirm/i));
		const results = await Promise.all([
			client().call("POST /auth/verify-email", { body: { token } }),
			client().call("POST /auth/verify-email", { body: { token } }),
			client().call("POST /auth/verify-email", { body: { token } }),
		]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
	});

	it("two simultaneous uses of one reset token: exactly one succeeds", async () => {
		const { email } = await signedUp();
		await client().call("POST /auth/password/forgot", { body: { email } });
		const token = tokenFrom(await mailTo(email, /reset/i));
		const results = await Promise.all([
			client().call("POST /auth/password/reset", {
				body: { token, password: "first new passphrase 1" },
			}),
			client().call("POST /auth/password/reset", {
				body: { token, password: "second new passphrase 2" },
			}),
		]);
		expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
	});

	it("a new reset request invalidates the earlier link", async () => {
		const { email } = await signedUp();
		await client().call("POST /auth/password/forgot", { body: { email } });
		const first = tokenFrom(await mailTo(email, /reset/i));
		await client().call("POST /auth/password/forgot", { body: { email } });
		const second = await newerToken(email, /reset/i, first);
		const res = await client().call("POST /auth/password/reset", {
			body: {
				token: first,
				password: "first new passphrase 1",
			},
		});
		expect(res.status).toBe(400);
		expect(res.error.code).toBe("validation_failed");
		expect(
			(
				await client().call("POST /auth/password/reset", {
					body: {
						token: second,
						password: "second new passphrase 2",
					},
				})
			).status,
		).toBe(204);
	});
});

describe("CSRF and CORS", () => {
	const withCookie = async () => (await signedUp()).api;

	it("accepts a state change with the exact app Origin and Sec-Fetch-Site same-origin", async () => {
		const api = await withCookie();
		const res = await api.call("PATCH /me", {
			body: { locale: "de" },
			headers: { "Sec-Fetch-Site": "same-origin" },
		});
		expect(res.status).toBe(200);
	});

	it.each([
		["a missing Origin", {}],
		["a foreign Origin", { Origin: "https://evil.example" }],
		["a look-alike Origin (suffix)", { Origin: `${"http://localhost:4321"}.evil.example` }],
		["a look-alike Origin (other port)", { Origin: "http://localhost:4322" }],
		["a look-alike Origin (https)", { Origin: "https://localhost:4321" }],
		["the null Origin", { Origin: "null" }],
		["Sec-Fetch-Site cross-site", { "Sec-Fetch-Site": "cross-site" }],
		["Sec-Fetch-Site same-site", { "Sec-Fetch-Site": "same-site" }],
	])("refuses a cookie-carrying PATCH with %s (403 csrf_rejected)", async (_name, headers) => {
		const api = await withCookie();
		const h: Record<string, string> = { ...headers };
		// A client that adds no Origin of its own, carrying the account's session cookie.
		const forged = bareClient(randomIp());
		forged.cookie = api.cookie;
		const raw = await forged.raw("PATCH", "/me", {
			headers: {
				"Content-Type": "application/json",
				...("Origin" in h ? {} : "Sec-Fetch-Site" in h ? { Origin: stack.urls.web } : {}),
				...h,
			},
			body: { locale: "de" },
		});
		expect(raw.status).toBe(403);
		expect(raw.error.code).toBe("csrf_rejected");
		const me = await api.call("GET /me");
		expect(me.body.user.locale).toBe("en");
	});

	it("does not apply the Origin check to cookie-less requests (api.md: they are simply unauthenticated)", async () => {
		const res = await client().call("POST /pages", {
			body: { title: "x" },
			headers: { Origin: "https://evil.example" },
		});
		expect(res.status).toBe(401);
		expect(res.error.code).toBe("unauthenticated");
	});

	it("lets cookie-less API clients without Origin through (they are simply unauthenticated)", async () => {
		const res = await bareClient().call("POST /pages", { body: { title: "x" } });
		expect(res.status).toBe(401);
		expect(res.error.code).toBe("unauthenticated");
	});

	it("never answers with Access-Control-Allow-Origin", async () => {
		const bare = bareClient();
		const preflight = await bare.raw("OPTIONS", "/me", {
			headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "PATCH" },
		});
		expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();
		const get = await bare.raw("GET", "/health", { headers: { Origin: "https://evil.example" } });
		expect(get.headers.get("Access-Control-Allow-Origin")).toBeNull();
		expect(get.headers.get("Access-Control-Allow-Credentials")).toBeNull();
	});
});

describe("abuse limits", () => {
	// The limiters count in fixed 60-second windows. A burst may straddle a window boundary, so
	// each test sends more than twice the limit (or keeps going until refused): one window must
	// then see more than the limit.

	it("limits logins per IP with 429 and Retry-After", async () => {
		const ip = randomIp();
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < 45 && retryAfter === null; i++) {
			const res = await client(ip).call("POST /auth/login", {
				body: {
					email: uniqueEmail(),
					password: "whatever it is",
				},
			});
			statuses.push(res.status);
			if (res.status === 429) retryAfter = res.headers.get("Retry-After");
		}
		expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
		expect(statuses).toContain(429);
		expect(Number(retryAfter)).toBeGreaterThan(0);
	});

	it("limits forgot-password per account across IPs", async () => {
		const email = uniqueEmail();
		const statuses: number[] = [];
		for (let i = 0; i < 12 && !statuses.includes(429); i++)
			statuses.push(
				(await client().call("POST /auth/password/forgot", { body: { email } })).status,
			);
		expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
		expect(statuses).toContain(429);
	});

	it("limits sign-ups per IP, counting refused attempts too", async () => {
		const ip = randomIp();
		const statuses: number[] = [];
		for (let i = 0; i < 45 && !statuses.includes(429); i++) {
			statuses.push(
				(
					await client(ip).call("POST /auth/signup", {
						body: { email: uniqueEmail(), password: "short" },
					})
				).status,
			);
		}
		expect(statuses).toContain(429);
	});

	it("an attacker's failed logins do not lock the owner out", async () => {
		const { email } = await signedUp();
		const attacker = randomIp();
		let blocked = 0;
		for (let i = 0; i < 12 && blocked !== 429; i++) {
			blocked = (
				await client(attacker).call("POST /auth/login", {
					body: { email, password: "guess number x" },
				})
			).status;
		}
		expect(blocked).toBe(429);
		const owner = await client().call("POST /auth/login", { body: { email, password: PASSWORD } });
		expect(owner.status).toBe(200);
	});
});

describe("#14.7 guessing across addresses (review SP-06)", () => {
	const group = () => Math.floor(Math.random() * 0x10000).toString(16);
	const prefix = () => `2001:db8:${group()}:${group()}`;
	const inside = (p: string) => `${p}:${group()}:${group()}:${group()}:${group()}`;

	it("#14.7 30 parallel guesses from 30 addresses of one IPv6 /64 are limited; the owner still logs in", async () => {
		const { api, email } = await signedUp();
		const net = prefix();
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				client(inside(net)).call("POST /auth/login", {
					body: { email, password: `guess number ${i}` },
				}),
			),
		);
		const statuses = results.map((r) => r.status);
		expect(statuses).toContain(429);
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
		expect(
			(await api.call("POST /auth/login", { body: { email, password: PASSWORD } })).status,
		).toBe(200);
	});

	it("#14.7 guesses from ever new /64s run out of the account's budget; the owner still logs in", async () => {
		const { api, email } = await signedUp();
		const statuses: number[] = [];
		for (let i = 0; i < 25 && !statuses.includes(429); i++) {
			const res = await client(inside(prefix())).call("POST /auth/login", {
				body: {
					email,
					password: `guess number ${i}`,
				},
			});
			statuses.push(res.status);
		}
		expect(statuses).toContain(429);
		expect(
			(await api.call("POST /auth/login", { body: { email, password: PASSWORD } })).status,
		).toBe(200);
	});
});

describe("headers and errors", () => {
	it("every response has X-Request-Id, nosniff and no-referrer, errors carry the request id", async () => {
		const bare = bareClient();
		const answers: Answer[] = [
			await bare.call("GET /health"),
			// No such route: outside the contract.
			await bare.raw("GET", "/nope"),
			await bare.call("GET /me"),
		];
		for (const res of answers) {
			expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
			expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
			expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
			if (res.status >= 400) {
				expect(res.error.requestId).toBe(res.headers.get("X-Request-Id"));
			}
		}
	});
});

describe("unverified accounts", () => {
	it("can edit but not publish (403 email_not_verified)", async () => {
		const { api } = await signedUp();
		const page = await api.call("POST /pages", { body: { title: "My links" } });
		expect(page.status).toBe(201);
		const publish = await api.call("POST /pages/:id/publish", {
			params: { id: page.body.page.id },
		});
		expect(publish.status).toBe(403);
		expect(publish.error.code).toBe("email_not_verified");
	});

	it("resend-verification mails a fresh link and the earlier one stops working", async () => {
		const { api, email } = await signedUp();
		const first = tokenFrom(await mailTo(email, /confirm/i));
		expect((await api.call("POST /auth/resend-verification")).status).toBe(202);
		const second = await newerToken(email, /confirm/i, first);
		expect(
			(await client().call("POST /auth/verify-email", { body: { token: first } })).status,
		).toBe(400);
		expect(
			(await client().call("POST /auth/verify-email", { body: { token: second } })).status,
		).toBe(200);
	});
});

describe("e-mail change", () => {
	it("applies only when the link sent to the new address is opened; the old address is told", async () => {
		const { api, email } = await verifiedAccount();
		const newEmail = uniqueEmail("new");
		expect(
			(await api.call("POST /me/email", { body: { newEmail, password: PASSWORD } })).status,
		).toBe(202);
		expect((await api.call("GET /me")).body.user.email).toBe(email);
		const confirm = await mailTo(newEmail, /new e-mail address/i);
		const res = await client().call("POST /auth/verify-email", {
			body: {
				token: tokenFrom(confirm),
			},
		});
		expect(res.status).toBe(200);
		expect(res.body.user.email).toBe(newEmail);
		await mailTo(email, /changed/i);
		expect(
			(await client().call("POST /auth/login", { body: { email: newEmail, password: PASSWORD } }))
				.status,
		).toBe(200);
	});
});
