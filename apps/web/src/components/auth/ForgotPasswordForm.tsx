/**
 * Ask for a password reset link. The answer is the same whether or not the address has an
 * account, and so is what the screen says.
 */
import { forgotPasswordBody } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { type Locale, localePath } from "../../i18n";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

export default function ForgotPasswordIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<ForgotPasswordForm />
		</I18n>
	);
}

function ForgotPasswordForm() {
	const { t, locale } = useI18n();
	const form = useFormState();
	const [email, setEmail] = useState("");
	const [sentTo, setSentTo] = useState<string | null>(null);

	const submit = async () => {
		form.start();
		const checked = check(forgotPasswordBody, { email });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("POST /auth/password/forgot", { body: checked.data });
		if (!res.ok) return form.failed(res);
		form.done();
		setSentTo(checked.data.email);
	};

	return (
		<div class="card">
			{sentTo ? (
				<p class="notice notice-success" role="alert">
					{t.auth.forgot.sent(sentTo)}
				</p>
			) : (
				<Form state={form} onSubmit={submit}>
					<p>{t.auth.forgot.intro}</p>
					<FormMessage message={form.message} />
					<TextField
						id="email"
						type="email"
						label={t.auth.email}
						autocomplete="email"
						inputMode="email"
						required
						value={email}
						onValue={setEmail}
						error={form.fields.email}
					/>
					<SubmitButton
						busy={form.busy}
						label={t.auth.forgot.submit}
						busyLabel={t.auth.forgot.submitting}
					/>
				</Form>
			)}
			<p>
				<a href={localePath(locale, "/login")}>{t.auth.forgot.backToLogin}</a>
			</p>
		</div>
	);
}
