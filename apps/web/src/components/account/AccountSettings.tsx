/**
 * The account screen: plan, language, e-mail address, password, security (passkeys and
 * two-factor sign-in), API tokens, signed-in devices, data export and deleting the account. Each part is its own form with its own messages.
 */
import type { User } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import {
	dictionary,
	LOCALES,
	type Locale,
	localePath,
	rememberLocale,
	switchLocation,
} from "../../i18n";
import { type Me, useAccount } from "../../lib/account";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { SecuritySettings } from "../security/SecuritySettings";
import { ApiTokensSection } from "../tokens/ApiTokensSection";
import { Form, FormMessage, SelectField, SubmitButton, useFormState } from "../ui/form";
import { LoadFailure, Loading } from "../ui/LoadFailure";
import { DeleteAccount } from "./DeleteAccount";
import { EmailForm } from "./EmailForm";
import { PasswordForm } from "./PasswordForm";
import { SessionsList } from "./SessionsList";

export default function AccountIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<AccountScreen />
		</I18n>
	);
}

function AccountScreen() {
	const { locale } = useI18n();
	const account = useAccount(locale);
	const [sessionsVersion, setSessionsVersion] = useState(0);
	if (account.status === "failed") {
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	}
	if (account.status === "loading") return <Loading />;
	const { me } = account;
	return (
		<>
			<PlanSection me={me} />
			<LanguageForm user={me.user} />
			<EmailForm user={me.user} />
			<PasswordForm onChanged={() => setSessionsVersion((v) => v + 1)} />
			<SecuritySettings email={me.user.email} />
			<ApiTokensSection />
			<SessionsList version={sessionsVersion} />
			<ExportSection />
			<DeleteAccount plan={me.plan} />
		</>
	);
}

function PlanSection({ me }: { me: Me }) {
	const { t, locale } = useI18n();
	return (
		<section class="card" aria-labelledby="plan-heading">
			<h2 id="plan-heading">{t.account.plan.heading}</h2>
			<p>{t.account.plan.current(t.plan.names[me.plan.id])}</p>
			<a href={localePath(locale, "/billing")}>{t.plan.seePlans}</a>
		</section>
	);
}

function LanguageForm({ user }: { user: User }) {
	const { t, locale } = useI18n();
	const form = useFormState();
	const [choice, setChoice] = useState<Locale>(user.locale);

	const submit = async () => {
		form.start();
		const res = await api("PATCH /me", { body: { locale: choice } });
		if (!res.ok) return form.failed(res);
		rememberLocale(res.data.user.locale);
		if (!switchLocation(res.data.user.locale, locale)) {
			form.done({ kind: "success", text: t.common.saved });
		}
	};

	return (
		<section class="card" aria-labelledby="language-heading">
			<h2 id="language-heading">{t.account.language.heading}</h2>
			<Form state={form} onSubmit={submit}>
				<FormMessage message={form.message} />
				<SelectField
					id="account-language"
					label={t.account.language.label}
					value={choice}
					options={LOCALES.map((value) => ({ value, label: dictionary(value).meta.languageName }))}
					onValue={setChoice}
					hint={t.account.language.hint}
					error={form.fields.locale}
				/>
				<SubmitButton
					busy={form.busy}
					label={t.account.language.submit}
					busyLabel={t.common.saving}
				/>
			</Form>
		</section>
	);
}

function ExportSection() {
	const { t } = useI18n();
	return (
		<section class="card" aria-labelledby="export-heading">
			<h2 id="export-heading">{t.account.export.heading}</h2>
			<p>{t.account.export.text}</p>
			<a class="button button-secondary" href="/api/v1/me/export" download="smartpages-export.json">
				{t.account.export.link}
			</a>
		</section>
	);
}
