/**
 * Asking before an action that is hard to take back ("Take offline", "Restore version"; issue 19
 * item 8): a modal native <dialog>, so the browser keeps focus inside it, makes the page behind
 * inert, closes it on Escape (as "Cancel") and returns focus to the button that opened it. Focus
 * starts on Cancel, the safe answer. Use the hook:
 *
 *   const { confirm, dialog } = useConfirm();
 *   if (!(await confirm({ title, text, confirmLabel, danger: true }))) return;
 *   … and render {dialog} once in the component.
 */
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useId, useRef, useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";

export interface ConfirmOptions {
	/** The question, as the dialog's heading ("Take this page offline?"). */
	title: string;
	/** What will happen, in a sentence or two. */
	text?: ComponentChildren;
	/** The confirming button's label, a verb ("Take offline"), never "OK". */
	confirmLabel: string;
	/** Defaults to the dashboard's "Cancel". */
	cancelLabel?: string;
	/** A destructive action: the confirming button is red. */
	danger?: boolean;
}

interface DialogProps extends ConfirmOptions {
	open: boolean;
	onAnswer: (confirmed: boolean) => void;
}

/** The dialog itself, for callers that keep the open state themselves. */
export function ConfirmDialog({
	open,
	title,
	text,
	confirmLabel,
	cancelLabel,
	danger = false,
	onAnswer,
}: DialogProps) {
	const { t } = useI18n();
	const ref = useRef<HTMLDialogElement>(null);
	const cancel = useRef<HTMLButtonElement>(null);
	const id = useId();

	useEffect(() => {
		const dialog = ref.current;
		if (!dialog) return;
		if (open && !dialog.open) {
			dialog.showModal();
			cancel.current?.focus();
		}
		if (!open && dialog.open) dialog.close();
	}, [open]);

	return (
		<dialog
			ref={ref}
			class="confirm-dialog"
			aria-labelledby={`${id}-title`}
			aria-describedby={text ? `${id}-text` : undefined}
			onCancel={(event) => {
				// Escape: answered as "Cancel" (the caller closes it by its state).
				event.preventDefault();
				onAnswer(false);
			}}
		>
			<h2 id={`${id}-title`}>{title}</h2>
			{text ? <div id={`${id}-text`}>{text}</div> : null}
			<div class="confirm-actions">
				<button
					type="button"
					ref={cancel}
					class="button button-quiet"
					onClick={() => onAnswer(false)}
				>
					{cancelLabel ?? t.ux.confirm.cancel}
				</button>
				<button
					type="button"
					class={`button ${danger ? "button-danger" : "button-primary"}`}
					onClick={() => onAnswer(true)}
				>
					{confirmLabel}
				</button>
			</div>
		</dialog>
	);
}

/** `confirm(options)` opens the dialog and resolves with the answer; render `dialog` once. */
export function useConfirm(): {
	confirm: (options: ConfirmOptions) => Promise<boolean>;
	dialog: ComponentChildren;
} {
	// Kept after the answer (closed), so the native dialog closes and returns focus itself.
	const [asked, setAsked] = useState<{ options: ConfirmOptions; open: boolean } | null>(null);
	const resolver = useRef<((confirmed: boolean) => void) | null>(null);

	const confirm = useCallback((options: ConfirmOptions) => {
		// A question still open is answered "no" by the newer one.
		resolver.current?.(false);
		setAsked({ options, open: true });
		return new Promise<boolean>((resolve) => {
			resolver.current = resolve;
		});
	}, []);

	const answer = useCallback((confirmed: boolean) => {
		resolver.current?.(confirmed);
		resolver.current = null;
		setAsked((current) => (current ? { ...current, open: false } : null));
	}, []);

	const dialog = asked ? (
		<ConfirmDialog {...asked.options} open={asked.open} onAnswer={answer} />
	) : null;
	return { confirm, dialog };
}
