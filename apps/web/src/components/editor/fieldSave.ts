/**
 * Sending one field of the editor as a PATCH (issue 19's automatic drafts): checks it with the
 * contract's schema first (the same one Core uses), then sends it through the editor's queue, and
 * turns a refusal into the one sentence shown next to that field.
 */
import type { Dictionary } from "../../i18n";
import type { ApiResult } from "../../lib/api";
import { failureText, fieldText } from "../../lib/messages";
import type { Enqueue } from "../../lib/queue";
import { check } from "../../lib/validate";

interface Schema<T> {
	safeParse(
		value: unknown,
	):
		| { success: true; data: T }
		| { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

/**
 * Checks `body` with `schema`, sends it with `send` (queued at once, before any await) and
 * resolves to null when saved (after `onSaved`), else to the localised reason.
 */
export async function saveField<B, R>(options: {
	t: Dictionary;
	schema: Schema<B>;
	body: unknown;
	enqueue: Enqueue;
	send: (body: B) => Promise<ApiResult<R>>;
	onSaved: (data: R) => void;
}): Promise<string | null> {
	const { t } = options;
	const checked = check(options.schema, options.body);
	if (!checked.ok) {
		const [reason] = Object.values(checked.fields);
		return fieldText(t, reason ?? "");
	}
	const res = await options.enqueue(() => options.send(checked.data));
	if (res.ok) {
		options.onSaved(res.data);
		return null;
	}
	const [reason] = Object.values(res.fields);
	return reason ? fieldText(t, reason) : failureText(t, res);
}
