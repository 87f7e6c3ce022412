/** Changing the e-mail address: confirmed with the password, applied once the new address's link is opened. */
import { changeEmailBody, type User } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

export function EmailForm({ user }: { user: User }) {
	const { t } = useI18n();
	const form = useFormState();
	const [newEmail, setNewEmail] = useState("");
	const [password, setPassword] = useState("");

	const submit = async () => {
		form.start();
		const checked = check(changeEmailBody, { newEmail, password });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("POST /me/email", { body: checked.data });
		if (!res.ok) return form.failed(res);
		setPassword("");
		setNewEmail("");
		form.done({ kind: "success", text: t.account.email.sent(checked.data.newEmail) });
	};

	return (
		<section class="card" aria-labelledby="email-heading">
			<h2 id="email-heading">{t.account.email.heading}</h2>
			<p>
				{t.account.email.current(user.email)}{" "}
				<span class={user.emailVerified ? "badge badge-published" : "badge badge-changes"}>
					{user.emailVerified ? t.account.email.verified : t.account.email.unverified}
				</span>
			</p>
			<Form state={form} onSubmit={submit}>
				<FormMessage message={form.message} />
				<TextField
					id="new-email"
					name="newEmail"
					type="email"
					inputMode="email"
					autocomplete="email"
					label={t.account.email.newEmail}
					required
					value={newEmail}
					onValue={setNewEmail}
					error={form.fields.newEmail}
				/>
				<TextField
					id="email-password"
					name="password"
					type="password"
					autocomplete="current-password"
					label={t.account.email.password}
					required
					value={password}
					onValue={setPassword}
					error={form.fields.password}
				/>
				<SubmitButton busy={form.busy} label={t.account.email.submit} busyLabel={t.common.saving} />
			</Form>
		</section>
	);
}
