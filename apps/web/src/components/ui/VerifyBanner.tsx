/**
 * Reminds an account with an unconfirmed address to confirm it, with a button that mails a fresh
 * link (POST /auth/resend-verification).
 */
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";

interface Props {
	email: string;
	/** The text above the button; the dashboard's reminder unless a screen has its own reason. */
	text?: string;
}

export function VerifyBanner({ email, text }: Props) {
	const { t } = useI18n();
	const [busy, setBusy] = useState(false);
	const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

	const resend = async () => {
		if (busy) return;
		setBusy(true);
		setResult(null);
		const res = await api("POST /auth/resend-verification");
		setBusy(false);
		setResult(
			res.ok
				? { ok: true, text: t.dashboard.resent(email) }
				: { ok: false, text: failureText(t, res) },
		);
	};

	return (
		<section class="banner" aria-label={t.auth.verify.heading}>
			<p>{text ?? t.dashboard.verifyBanner(email)}</p>
			<button
				type="button"
				class="button button-secondary"
				aria-disabled={busy ? "true" : undefined}
				onClick={resend}
			>
				{busy ? t.dashboard.resending : t.dashboard.resend}
			</button>
			<div aria-live="polite">
				{result ? (
					<p class={result.ok ? "notice notice-success" : "notice notice-error"}>{result.text}</p>
				) : null}
			</div>
		</section>
	);
}
