/**
 * Choosing an image file (avatar, link thumbnails, page backgrounds), styled like the dashboard's
 * buttons and in its language (issue 19, review L12: the native control said "Choose File / No
 * file chosen" in the browser's language). The native input stays the control — keyboard,
 * screen readers and the system's file dialog work as ever — but is visually hidden; a label
 * styled as a button opens it, and the chosen file's name (or "No file chosen") sits beside it.
 * Its accessible name is the field label, the button text and the file name, in that order.
 */
import type { RefObject } from "preact";
import { useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";

interface Props {
	id: string;
	/** What is chosen ("Profile picture"), shown above the button. */
	label: string;
	hint?: string;
	accept: string;
	/** The input, for callers that read `files` or reset `value` themselves. */
	inputRef?: RefObject<HTMLInputElement>;
	/** Called with the chosen file, or null when the choice was cleared. */
	onFile?: (file: File | null) => void;
	/** The chosen file when the caller keeps it (a reset then shows "No file chosen"). */
	chosen?: File | null;
	disabled?: boolean;
}

export function FilePicker({ id, label, hint, accept, inputRef, onFile, chosen, disabled }: Props) {
	const { t } = useI18n();
	const [picked, setPicked] = useState<string | null>(null);
	const name = chosen === undefined ? picked : (chosen?.name ?? null);
	return (
		<div class="field">
			<span class="field-label" id={`${id}-label`}>
				{label}
			</span>
			<div class="file-picker">
				<input
					id={id}
					ref={inputRef}
					type="file"
					accept={accept}
					disabled={disabled}
					aria-labelledby={`${id}-label ${id}-button ${id}-name`}
					aria-describedby={hint ? `${id}-hint` : undefined}
					onChange={(event) => {
						const file = event.currentTarget.files?.[0] ?? null;
						setPicked(file?.name ?? null);
						onFile?.(file);
					}}
				/>
				<label for={id} id={`${id}-button`} class="button button-secondary file-picker-button">
					{t.ux.file.choose}
				</label>
				<span class="file-picker-name" id={`${id}-name`}>
					{name ?? t.ux.file.none}
				</span>
			</div>
			{hint ? (
				<p class="hint" id={`${id}-hint`}>
					{hint}
				</p>
			) : null}
		</div>
	);
}
