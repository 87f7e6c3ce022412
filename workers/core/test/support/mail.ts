/**
 * The local Resend stand-in's inbox, as Core's tests read it: every mail the real Mailer worker
 * delivered, by recipient. The waiting and the token parsing are the stack tools' own.
 */
import { env } from "cloudflare:workers";
import {
	type InboxMessage,
	tokenFrom,
	waitForMail,
} from "../../../../tools/stack/src/api-client.ts";

export { type InboxMessage, tokenFrom };

export const mailBase = () => `http://127.0.0.1:${env.TEST_CLOUD.mail}`;

/** Every mail delivered to `to` so far. */
export async function inbox(to: string): Promise<InboxMessage[]> {
	const res = await fetch(`${mailBase()}/api/messages?to=${encodeURIComponent(to)}`);
	return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

/** The first mail to `to` that matches, once it has arrived. */
export function mailTo(to: string, match: RegExp | ((m: InboxMessage) => boolean)) {
	return waitForMail(
		mailBase(),
		to,
		typeof match === "function" ? match : (m) => match.test(m.subject),
	);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
