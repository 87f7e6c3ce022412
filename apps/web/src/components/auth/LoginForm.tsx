/**
 * Log in with e-mail and password — then, with two-factor sign-in on, a code from the app or a
 * recovery code (issue 20) — or with a passkey alone. Afterwards the visitor goes where they were
 * headed (a safe "next" path) or to the dashboard, in the account's language.
 */
import { loginBody } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import { type Locale, localePath, rememberLocale } from "../../i18n";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import { go, safeNext } from "../../lib/navigation";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";
import { PasskeySignIn, SecondStep } from "./SecondStep";

export default function LoginIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<LoginForm />
		</I18n>
	);
}

function LoginForm() {
	const { t, locale } = useI18n();
	const form = useFormState();
	const [email, setEmail] = useState("");
	const [password, setPassword] = useState("");
	const [ticket, setTicket] = useState<string | null>(null);
	const { setMessage } = form;

	useEffect(() => {
		const notice = queryParam("notice");
		const text =
			notice === "logged-out"
				? t.auth.login.loggedOut
				: notice === "deleted"
					? t.auth.login.deleted
					: notice === "password-reset"
						? t.auth.login.passwordReset
						: null;
		if (text) setMessage({ kind: "info", text });
	}, [t, setMessage]);

	const submit = async () => {
		form.start();
		const checked = check(loginBody, { email, password });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("POST /auth/login", { body: checked.data });
		if (!res.ok) return form.failed(res);
		if ("mfaRequired" in res.data) {
			form.done();
			setTicket(res.data.ticket);
			return;
		}
		rememberLocale(res.data.user.locale);
		go(res.data.user.locale, safeNext(queryParam("next")) ?? "/");
	};

	if (ticket) {
		return (
			<SecondStep
				ticket={ticket}
				onRestart={() => {
					setTicket(null);
					setPassword("");
				}}
			/>
		);
	}

	return (
		<div class="card">
			<Form state={form} onSubmit={submit}>
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
				<TextField
					id="password"
					type="password"
					label={t.auth.password}
					autocomplete="current-password"
					required
					value={password}
					onValue={setPassword}
					error={form.fields.password}
				/>
				<div class="actions">
					<SubmitButton
						busy={form.busy}
						label={t.auth.login.submit}
						busyLabel={t.auth.login.submitting}
					/>
					<a href={localePath(locale, "/forgot-password")}>{t.auth.login.forgot}</a>
				</div>
			</Form>
			<PasskeySignIn />
			<p>
				{t.auth.login.noAccount}{" "}
				<a href={localePath(locale, "/signup")}>{t.auth.login.signupLink}</a>
			</p>
		</div>
	);
}
