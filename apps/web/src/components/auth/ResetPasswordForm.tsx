/**
 * Choose a new password with the token from the reset mail (`/reset-password#token=…`). Every
 * session ends with the reset, so the visitor logs in afresh with the new password.
 */
import { PASSWORD_MIN, resetPasswordBody } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import { type Locale, localePath } from "../../i18n";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { watchFragmentToken } from "../../lib/location";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

export default function ResetPasswordIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<ResetPasswordForm />
		</I18n>
	);
}

function ResetPasswordForm() {
	const { t, locale } = useI18n();
	const form = useFormState();
	// undefined: not read yet (server render); null: the link had no token.
	const [token, setToken] = useState<string | null | undefined>(undefined);
	const [password, setPassword] = useState("");
	const [repeat, setRepeat] = useState("");
	const [tokenRejected, setTokenRejected] = useState(false);

	useEffect(
		() =>
			watchFragmentToken((value) => {
				setToken(value);
				setTokenRejected(false);
			}),
		[],
	);

	const submit = async () => {
		form.start();
		const checked = check(resetPasswordBody, { token: token ?? "", password });
		const differs: Record<string, string> =
			repeat !== password ? { repeat: t.fields.passwordsDiffer } : {};
		if (!checked.ok || Object.keys(differs).length > 0) {
			const reasons = checked.ok ? {} : checked.fields;
			if (reasons.token) return setTokenRejected(true);
			return form.invalid(reasons, differs);
		}
		const res = await api("POST /auth/password/reset", { body: checked.data });
		if (!res.ok) {
			if (res.fields.token) return setTokenRejected(true);
			return form.failed(res);
		}
		window.location.assign(`${localePath(locale, "/login")}?notice=password-reset`);
	};

	if (token === null || tokenRejected) {
		return (
			<div class="card">
				<p class="notice notice-error" role="alert">
					{token === null ? t.auth.verify.missingToken : t.fields.tokenInvalid}
				</p>
				<a class="button button-primary" href={localePath(locale, "/forgot-password")}>
					{t.auth.reset.requestNew}
				</a>
			</div>
		);
	}

	return (
		<div class="card">
			<Form state={form} onSubmit={submit}>
				<FormMessage message={form.message} />
				<TextField
					id="password"
					type="password"
					label={t.auth.reset.newPassword}
					autocomplete="new-password"
					required
					minLength={PASSWORD_MIN}
					value={password}
					onValue={setPassword}
					error={form.fields.password}
					hint={t.auth.signup.passwordHint(PASSWORD_MIN)}
				/>
				<TextField
					id="repeat"
					type="password"
					label={t.auth.reset.repeat}
					autocomplete="new-password"
					required
					value={repeat}
					onValue={setRepeat}
					error={form.fields.repeat}
				/>
				<SubmitButton
					busy={form.busy}
					label={t.auth.reset.submit}
					busyLabel={t.auth.reset.submitting}
				/>
			</Form>
		</div>
	);
}
