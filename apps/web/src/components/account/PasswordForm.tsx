/** Changing the password with the current one; every other session ends. */
import { changePasswordBody, PASSWORD_MIN } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

export function PasswordForm({ onChanged }: { onChanged: () => void }) {
	const { t } = useI18n();
	const form = useFormState();
	const [currentPassword, setCurrentPassword] = useState("");
	const [newPassword, setNewPassword] = useState("");
	const [repeat, setRepeat] = useState("");

	const submit = async () => {
		form.start();
		const checked = check(changePasswordBody, { currentPassword, newPassword });
		const differs: Record<string, string> =
			repeat !== newPassword ? { repeat: t.fields.passwordsDiffer } : {};
		if (!checked.ok || Object.keys(differs).length > 0) {
			return form.invalid(checked.ok ? {} : checked.fields, differs);
		}
		const res = await api("POST /me/password", { body: checked.data });
		if (!res.ok) return form.failed(res);
		setCurrentPassword("");
		setNewPassword("");
		setRepeat("");
		form.done({ kind: "success", text: t.account.password.done });
		onChanged();
	};

	return (
		<section class="card" aria-labelledby="password-heading">
			<h2 id="password-heading">{t.account.password.heading}</h2>
			<Form state={form} onSubmit={submit}>
				<FormMessage message={form.message} />
				<TextField
					id="current-password"
					name="currentPassword"
					type="password"
					autocomplete="current-password"
					label={t.account.password.current}
					required
					value={currentPassword}
					onValue={setCurrentPassword}
					error={form.fields.currentPassword}
				/>
				<TextField
					id="new-password"
					name="newPassword"
					type="password"
					autocomplete="new-password"
					label={t.account.password.new}
					required
					minLength={PASSWORD_MIN}
					value={newPassword}
					onValue={setNewPassword}
					error={form.fields.newPassword}
					hint={t.auth.signup.passwordHint(PASSWORD_MIN)}
				/>
				<TextField
					id="repeat-password"
					name="repeat"
					type="password"
					autocomplete="new-password"
					label={t.account.password.repeat}
					required
					value={repeat}
					onValue={setRepeat}
					error={form.fields.repeat}
				/>
				<SubmitButton
					busy={form.busy}
					label={t.account.password.submit}
					busyLabel={t.common.saving}
				/>
			</Form>
		</section>
	);
}
