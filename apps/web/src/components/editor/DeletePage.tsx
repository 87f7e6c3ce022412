/**
 * Deletes the page after a second, explicit confirmation; then back to the dashboard. Deleting the
 * home page first asks which page becomes home (issue 19 item 7, `HomeSuccessor`), so the site's
 * address never falls back to whichever page Core would promote.
 */
import type { Page } from "@smartpages/contracts";
import { useCallback, useRef, useState } from "preact/hooks";
import { localePath } from "../../i18n";
import { deletePageKeepingHome } from "../../lib/home-page";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import type { Enqueue } from "../../lib/queue";
import { HomeSuccessor } from "../dashboard/HomeSuccessor";

export function DeletePage({ page, enqueue }: { page: Page; enqueue: Enqueue }) {
	const { t, locale } = useI18n();
	const [confirming, setConfirming] = useState(false);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);
	const confirmButton = useRef<HTMLButtonElement>(null);
	const [successor, setSuccessor] = useState<string | null>(null);
	const chooseSuccessor = useCallback((id: string | null) => setSuccessor(id), []);

	const remove = async () => {
		if (busy) return;
		setBusy(true);
		setError(null);
		const res = await enqueue(() => deletePageKeepingHome(page.id, successor));
		if (!res.ok) {
			setBusy(false);
			setError(failureText(t, res));
			return;
		}
		window.location.assign(localePath(locale, "/"));
	};

	return (
		<section class="card danger-zone" aria-labelledby="delete-page-heading">
			<h2 id="delete-page-heading">{t.editor.danger.heading}</h2>
			<p>{t.editor.danger.text}</p>
			{error ? (
				<p class="notice notice-error" role="alert">
					{error}
				</p>
			) : null}
			{confirming ? <HomeSuccessor page={page} onChoose={chooseSuccessor} /> : null}
			<div class="actions">
				{confirming ? (
					<>
						<button
							type="button"
							ref={confirmButton}
							class="button button-danger"
							aria-disabled={busy ? "true" : undefined}
							onClick={() => void remove()}
						>
							{t.editor.danger.confirm}
						</button>
						<button type="button" class="button button-quiet" onClick={() => setConfirming(false)}>
							{t.common.cancel}
						</button>
					</>
				) : (
					<button
						type="button"
						class="button button-danger-outline"
						onClick={() => {
							setConfirming(true);
							requestAnimationFrame(() => confirmButton.current?.focus());
						}}
					>
						{t.editor.danger.delete}
					</button>
				)}
			</div>
		</section>
	);
}
