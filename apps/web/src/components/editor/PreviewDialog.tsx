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
				<span aria-hidden="true">👁 </span>
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
