/**
 * The login's second step (issue 20): a code from the authenticator app, or a recovery code, for
 * the ticket the password step gave; and signing in with a passkey instead of a password. Both
 * end like a login: the account's language, then where the visitor was headed.
 */
import {
	loginMfaCodeBody,
	loginMfaRecoveryBody,
	passkeySigninBody,
	type User,
} from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { rememberLocale } from "../../i18n";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import { failureText } from "../../lib/messages";
import { go, safeNext } from "../../lib/navigation";
import { check } from "../../lib/validate";
import { getPasskey, passkeysSupported } from "../../lib/webauthn";
import { Form, FormMessage, SubmitButton, TextField, useFormState, useHydrated } from "../ui/form";

function signedIn(user: User): void {
	rememberLocale(user.locale);
	go(user.locale, safeNext(queryParam("next")) ?? "/");
}

export function SecondStep({ ticket, onRestart }: { ticket: string; onRestart: () => void }) {
	const { t } = useI18n();
	const s = t.security.login;
	const form = useFormState();
	const [recovery, setRecovery] = useState(false);
	const [value, setValue] = useState("");

	const submit = async () => {
		form.start();
		const body = recovery ? { ticket, recoveryCode: value } : { ticket, code: value };
		const checked = recovery ? check(loginMfaRecoveryBody, body) : check(loginMfaCodeBody, body);
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("POST /auth/login/mfa", { body: checked.data });
		if (res.ok) return signedIn(res.data.user);
		if (res.code === "invalid_credentials") {
			return form.done({ kind: "error", text: s.wrong });
		}
		form.failed(res);
	};

	const field = recovery ? "recoveryCode" : "code";
	return (
		<div class="card">
			<h2>{s.mfaHeading}</h2>
			<p>{s.mfaIntro}</p>
			<Form state={form} onSubmit={submit}>
				<FormMessage message={form.message} />
				<TextField
					id={`mfa-${field}`}
					label={recovery ? s.recoveryLabel : s.codeLabel}
					autocomplete="one-time-code"
					inputMode={recovery ? "text" : "numeric"}
					required
					value={value}
					onValue={setValue}
					error={form.fields[field]}
				/>
				<div class="actions">
					<SubmitButton busy={form.busy} label={s.submit} busyLabel={s.submitting} />
					<button
						type="button"
						class="button button-quiet"
						onClick={() => {
							setRecovery(!recovery);
							setValue("");
							form.setMessage(null);
						}}
					>
						{recovery ? s.useCode : s.useRecovery}
					</button>
					<button type="button" class="button button-quiet" onClick={onRestart}>
						{s.restart}
					</button>
				</div>
			</Form>
		</div>
	);
}

/** "Sign in with a passkey": no e-mail needed, the device picks the account's passkey. */
export function PasskeySignIn() {
	const { t } = useI18n();
	const s = t.security.login;
	const hydrated = useHydrated();
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);
	if (!hydrated || !passkeysSupported()) return null;

	const start = async () => {
		setBusy(true);
		setError(null);
		try {
			const options = await api("POST /auth/passkey/options");
			if (!options.ok) return setError(failureText(t, options));
			const response = await getPasskey(options.data.options);
			if (!response) return;
			const checked = check(passkeySigninBody, { response });
			if (!checked.ok) return setError(s.passkeyFailed);
			const res = await api("POST /auth/passkey", { body: checked.data });
			if (res.ok) return signedIn(res.data.user);
			setError(res.code === "invalid_credentials" ? s.passkeyFailed : failureText(t, res));
		} catch {
			setError(s.passkeyFailed);
		} finally {
			setBusy(false);
		}
	};

	return (
		<div class="passkey-signin">
			<p class="hint">{s.or}</p>
			<button type="button" class="button button-secondary" disabled={busy} onClick={start}>
				{busy ? s.passkeyBusy : s.passkey}
			</button>
			{error ? (
				<p class="notice notice-error" role="alert">
					{error}
				</p>
			) : null}
		</div>
	);
}
