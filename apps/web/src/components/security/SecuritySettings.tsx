/** Account → Security (issue 20): passkeys and two-factor sign-in, under one heading. */
import { useI18n } from "../../lib/i18n-context";
import { PasskeysSection } from "./PasskeysSection";
import { TotpSection } from "./TotpSection";

export function SecuritySettings({ email }: { email: string }) {
	const { t } = useI18n();
	return (
		<div class="security-settings" id="security">
			<h2 class="section-heading">{t.security.heading}</h2>
			<p class="hint">{t.security.intro}</p>
			<PasskeysSection />
			<TotpSection email={email} />
		</div>
	);
}
