/**
 * Deleting the account for good: the password and a typed confirmation word are both required,
 * so it cannot happen by a slip of the finger. On a paid plan it says first what happens to the
 * subscription: DELETE /me cancels it at once through Stripe (Billing's cancelSubscriptions, no
 * proration, so nothing is refunded) and sends only the "account deleted" mail.
 */
import { deleteAccountBody, type Plan } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { localePath } from "../../i18n";
import { api } from "../../lib/api";
import { confirmsWith } from "../../lib/confirm-word";
import { useI18n } from "../../lib/i18n-context";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

/** Whether Stripe holds a live subscription the deletion cancels. */
export function hasPaidSubscription(plan: Plan): boolean {
	return plan.id !== "free" && plan.status !== "none" && plan.status !== "canceled";
}

export function DeleteAccount({ plan }: { plan: Plan }) {
	const { t, locale } = useI18n();
	const form = useFormState();
	const [password, setPassword] = useState("");
	const [typed, setTyped] = useState("");
	const word = t.account.delete.word;

	const submit = async () => {
		form.start();
		const checked = check(deleteAccountBody, { password });
		const confirmed = confirmsWith(typed, word);
		const unconfirmed: Record<string, string> = confirmed
			? {}
			: { confirm: t.fields.confirmWord(word) };
		if (!checked.ok || !confirmed)
			return form.invalid(checked.ok ? {} : checked.fields, unconfirmed);
		const res = await api("DELETE /me", { body: checked.data });
		if (!res.ok) return form.failed(res);
		window.location.assign(`${localePath(locale, "/login")}?notice=deleted`);
	};

	return (
		<section class="card danger-zone" aria-labelledby="delete-account-heading">
			<h2 id="delete-account-heading">{t.account.delete.heading}</h2>
			<p>{t.account.delete.text}</p>
			{hasPaidSubscription(plan) ? (
				<p class="notice notice-info" data-subscription-note>
					{t.ux.deleteAccount.paid(t.plan.names[plan.id])}
				</p>
			) : null}
			<Form state={form} onSubmit={submit}>
				<FormMessage message={form.message} />
				<TextField
					id="delete-password"
					name="password"
					type="password"
					autocomplete="current-password"
					label={t.account.delete.password}
					required
					value={password}
					onValue={setPassword}
					error={form.fields.password}
				/>
				<TextField
					id="delete-confirm"
					name="confirm"
					label={t.account.delete.confirm(word)}
					required
					autocomplete="off"
					autocapitalize="characters"
					spellcheck={false}
					value={typed}
					onValue={setTyped}
					error={form.fields.confirm}
				/>
				<SubmitButton
					busy={form.busy}
					label={t.account.delete.submit}
					busyLabel={t.account.delete.submitting}
					variant="danger"
				/>
			</Form>
		</section>
	);
}
