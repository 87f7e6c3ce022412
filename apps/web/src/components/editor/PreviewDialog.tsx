/**
 * The preview on a phone (issue 19): a floating "Preview" button, always one tap away, opens the
 * phone-framed preview full screen in a modal <dialog> — the rest of the screen is inert while it
 * is open (the focus stays inside), Escape closes it, and so does the browser's back button (the
 * dialog adds a history entry while open, so "back" does not leave the editor).
 */
import type { Page } from "@smartpages/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";
import { PreviewFrame } from "./PreviewFrame";

const STATE_KEY = "smartpagesPreview";

export function PreviewDialog({ page, version }: { page: Page; version: number }) {
	const { t } = useI18n();
	const w = t.workspace.preview;
	const dialog = useRef<HTMLDialogElement>(null);
	const opener = useRef<HTMLButtonElement>(null);
	const [open, setOpen] = useState(false);

	useEffect(() => {
		const onPop = () => {
			if (dialog.current?.open) dialog.current.close();
		};
		window.addEventListener("popstate", onPop);
		return () => window.removeEventListener("popstate", onPop);
	}, []);

	const show = () => {
		dialog.current?.showModal();
		setOpen(true);
		history.pushState({ [STATE_KEY]: true }, "");
	};

	// Whatever closed it (the button, Escape, back): the history entry goes, the focus returns.
	const onClose = () => {
		setOpen(false);
		const state: unknown = history.state;
		if (typeof state === "object" && state !== null && STATE_KEY in state) history.back();
		opener.current?.focus();
	};

	return (
		<>
			<button
				type="button"
				ref={opener}
				class="button button-primary preview-fab"
				aria-haspopup="dialog"
				onClick={show}
			>
				<svg class="preview-fab-icon" viewBox="0 0 24 24" aria-hidden="true">
					<path d="M12 5C6.5 5 2.7 9.2 1.5 12c1.2 2.8 5 7 10.5 7s9.3-4.2 10.5-7C21.3 9.2 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-2.2a2.3 2.3 0 1 0 0-4.6 2.3 2.3 0 0 0 0 4.6z" />
				</svg>
				{w.open}
			</button>
			<dialog
				ref={dialog}
				class="preview-dialog"
				aria-labelledby="preview-dialog-heading"
				onClose={onClose}
			>
				<div class="preview-dialog-head">
					<h2 id="preview-dialog-heading">{w.dialogLabel}</h2>
					<button
						type="button"
						class="button button-secondary"
						onClick={() => dialog.current?.close()}
					>
						{w.close}
					</button>
				</div>
				{/* The frame loads only while the dialog is open: no second render on every keystroke. */}
				{open ? <PreviewFrame page={page} version={version} /> : null}
			</dialog>
		</>
	);
}
