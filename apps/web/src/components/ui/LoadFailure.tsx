/** Shown when a screen could not load its data: what went wrong, in words, and a way to retry. */
import type { ApiFailure } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";

export function LoadFailure({ failure, retry }: { failure: ApiFailure; retry: () => void }) {
	const { t } = useI18n();
	return (
		<div class="card">
			<p class="notice notice-error" role="alert">
				{failureText(t, failure)}
			</p>
			<button type="button" class="button button-primary" onClick={retry}>
				{t.common.retry}
			</button>
		</div>
	);
}

/** The placeholder while a screen loads (also what the server render shows). */
export function Loading() {
	const { t } = useI18n();
	return (
		<p class="loading" aria-busy="true">
			{t.common.loading}
		</p>
	);
}
