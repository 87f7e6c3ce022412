/**
 * Mail delivery under Resend faults, through the whole system: the user's request is answered
 * normally at once, and once Resend recovers exactly one message arrives.
 */

import { tally } from "@smartpages/testing/security-meta";
import { describe, expect, it } from "vitest";
import { client, inboxOf, mailTo, PASSWORD, stack, uniqueEmail } from "../support/api.ts";

async function failNext(count: number, status: number | "hang") {
	await fetch(`${stack.urls.mail}/_dev/faults`, {
		method: "POST",
		body: JSON.stringify({ status, count }),
	});
}

async function inboxCount(email: string) {
	return (await inboxOf(email)).length;
}

describe("mail under Resend faults", () => {
	it("Resend failing three times: sign-up answers 201 at once, then exactly one mail arrives", async ({
		task,
	}) => {
		tally(task, { faults: 1 });
		await failNext(3, 500);
		const email = uniqueEmail("flaky");
		const res = await client().call("POST /auth/signup", { body: { email, password: PASSWORD } });
		expect(res.status).toBe(201);
		await mailTo(email, /confirm/i);
		// Give any duplicate a chance to show up before counting.
		await new Promise((r) => setTimeout(r, 1500));
		expect(await inboxCount(email)).toBe(1);
	});

	it("Resend hanging: a password reset request still answers 202 at once", async ({ task }) => {
		tally(task, { faults: 1 });
		const email = uniqueEmail("hang");
		await client().call("POST /auth/signup", { body: { email, password: PASSWORD } });
		await mailTo(email, /confirm/i);
		await failNext(1, "hang");
		const res = await client().call("POST /auth/password/forgot", { body: { email } });
		expect(res.status).toBe(202);
		await mailTo(email, /reset/i);
		expect(await inboxCount(email)).toBe(2);
	});
});
