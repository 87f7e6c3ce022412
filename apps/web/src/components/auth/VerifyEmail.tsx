/**
 * Opened from the confirmation mail (`/verify-email#token=…`): confirms the address at once and
 * says what happened. Used for the sign-up address and for a changed address alike. A sign-up for
 * Pro continues straight to the upgrade on the plan screen.
 */
import type { User } from "@smartpages/contracts";
import { useCallback, useEffect, useState } from "preact/hooks";
import { type Locale, localePath, rememberLocale } from "../../i18n";
import { type ApiFailure, api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { watchFragmentToken } from "../../lib/location";
import { failureText } from "../../lib/messages";
import { go } from "../../lib/navigation";

export default function VerifyEmailIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<VerifyEmail />
		</I18n>
	);
}

type State =
	| { step: "verifying" }
	| { step: "missing" }
	| { step: "done"; user: User }
	/** The link is spent, but this browser's account is confirmed: nothing is wrong. */
	| { step: "confirmed"; user: User }
	| { step: "failed"; failure: ApiFailure };

function VerifyEmail() {
	const { t, locale } = useI18n();
	const [token, setToken] = useState<string | null>(null);
	const [state, setState] = useState<State>({ step: "verifying" });

	const verify = useCallback(async (value: string) => {
		setState({ step: "verifying" });
		const res = await api("POST /auth/verify-email", { body: { token: value } });
		if (!res.ok) {
			if (res.code === "validation_failed") {
				const me = await api("GET /me");
				if (me.ok && me.data.user.emailVerified)
					return setState({ step: "confirmed", user: me.data.user });
			}
			return setState({ step: "failed", failure: res });
		}
		rememberLocale(res.data.user.locale);
		// A Pro sign-up continues on the plan screen, where the upgrade waits (after a login if this
		// browser has no session: the login page brings the visitor back there).
		if (res.data.nextStep === "checkout") return go(res.data.user.locale, "/billing?upgrade=pro");
		setState({ step: "done", user: res.data.user });
	}, []);

	useEffect(
		() =>
			watchFragmentToken((value) => {
				setToken(value);
				if (value) void verify(value);
				else setState({ step: "missing" });
			}),
		[verify],
	);

	if (state.step === "verifying") {
		return (
			<div class="card" aria-busy="true">
				<p>{t.auth.verify.verifying}</p>
			</div>
		);
	}
	if (state.step === "done") {
		return (
			<div class="card">
				<p class="notice notice-success" role="alert">
					{t.auth.verify.success}
				</p>
				<a class="button button-primary" href={localePath(state.user.locale, "/")}>
					{t.auth.verify.toDashboard}
				</a>
			</div>
		);
	}
	if (state.step === "confirmed") {
		return (
			<div class="card">
				<p class="notice notice-info" role="status">
					{t.auth.verify.alreadyConfirmed(state.user.email)}
				</p>
				<a class="button button-primary" href={localePath(state.user.locale, "/")}>
					{t.auth.verify.toDashboard}
				</a>
			</div>
		);
	}
	if (state.step === "missing") {
		return (
			<div class="card">
				<p class="notice notice-error" role="alert">
					{t.auth.verify.missingToken}
				</p>
			</div>
		);
	}
	const { failure } = state;
	const retryable =
		failure.code === "network" || failure.code === "rate_limited" || failure.status >= 500;
	const text =
		failure.code === "validation_failed"
			? t.auth.verify.invalid
			: failure.code === "conflict"
				? t.auth.verify.conflict
				: failureText(t, failure);
	return (
		<div class="card">
			<p class="notice notice-error" role="alert">
				{text}
			</p>
			{failure.code === "validation_failed" ? <p>{t.auth.verify.invalidHelp}</p> : null}
			<div class="actions">
				{retryable && token ? (
					<button type="button" class="button button-primary" onClick={() => void verify(token)}>
						{t.common.retry}
					</button>
				) : null}
				<a class="button button-secondary" href={localePath(locale, "/")}>
					{t.auth.verify.toDashboard}
				</a>
			</div>
		</div>
	);
}
