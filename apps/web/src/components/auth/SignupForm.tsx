/**
 * Create an account. Deep links from marketing (`/signup?plan=pro&utm_source=…`, or under /de for
 * German) pass the chosen plan and the campaign on to the API. An address that already has an
 * account gets the same answer without a session; then the visitor is asked to check the inbox.
 */
import { PASSWORD_MIN, type SignupBody, signupBody } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import { type Locale, localePath, rememberLocale } from "../../i18n";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import { go } from "../../lib/navigation";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

export default function SignupIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<SignupForm />
		</I18n>
	);
}

const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign"] as const;

/** The plan and campaign of a deep link, bounded as the API expects. */
function fromDeepLink(): Pick<SignupBody, "plan" | "attribution"> {
	const plan = queryParam("plan") === "pro" ? ("pro" as const) : undefined;
	const attribution: NonNullable<SignupBody["attribution"]> = {};
	for (const key of UTM_KEYS) {
		const value = queryParam(key)?.trim().slice(0, 100);
		if (value) attribution[key] = value;
	}
	return {
		...(plan ? { plan } : {}),
		...(Object.keys(attribution).length > 0 ? { attribution } : {}),
	};
}

function SignupForm() {
	const { t, locale } = useI18n();
	const form = useFormState();
	const [email, setEmail] = useState("");
	const [password, setPassword] = useState("");
	const [deepLink, setDeepLink] = useState<Pick<SignupBody, "plan" | "attribution">>({});
	const [sentTo, setSentTo] = useState<string | null>(null);

	useEffect(() => setDeepLink(fromDeepLink()), []);

	const submit = async () => {
		form.start();
		const checked = check(signupBody, { email, password, locale, ...deepLink });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("POST /auth/signup", { body: checked.data });
		if (!res.ok) return form.failed(res);
		// A new account is signed in now; a known address got no session (and its owner a mail).
		const me = await api("GET /me");
		if (!me.ok) {
			form.done();
			setSentTo(checked.data.email);
			return;
		}
		rememberLocale(me.data.user.locale);
		go(me.data.user.locale, deepLink.plan === "pro" ? "/?plan=pro" : "/");
	};

	if (sentTo) {
		return (
			<div class="card" role="alert">
				<h2>{t.auth.signup.checkInboxHeading}</h2>
				<p>{t.auth.signup.checkInbox(sentTo)}</p>
			</div>
		);
	}

	return (
		<div class="card">
			{deepLink.plan === "pro" ? <p class="notice notice-info">{t.auth.signup.proNote}</p> : null}
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
					autocomplete="new-password"
					required
					minLength={PASSWORD_MIN}
					value={password}
					onValue={setPassword}
					error={form.fields.password}
					hint={t.auth.signup.passwordHint(PASSWORD_MIN)}
				/>
				<SubmitButton
					busy={form.busy}
					label={t.auth.signup.submit}
					busyLabel={t.auth.signup.submitting}
				/>
			</Form>
			<p>
				{t.auth.signup.haveAccount}{" "}
				<a href={localePath(locale, "/login")}>{t.auth.signup.loginLink}</a>
			</p>
		</div>
	);
}
