/**
 * A button that copies a text to the clipboard and says whether it worked (politely, next to
 * it). When the clipboard is not available, the caller's `fallback` selects the text instead.
 */
import { useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";

interface Props {
	text: string;
	/** The button's accessible name, e.g. "Copy the value of the TXT record". */
	label: string;
	fallback?: () => void;
}

export function CopyButton({ text, label, fallback }: Props) {
	const { t } = useI18n();
	const [note, setNote] = useState<string | null>(null);
	const copy = async () => {
		try {
			await navigator.clipboard.writeText(text);
			setNote(t.domains.copied);
		} catch {
			fallback?.();
			setNote(t.domains.copyFailed);
		}
	};
	return (
		<span class="copy-button">
			<button
				type="button"
				class="button button-secondary button-small"
				aria-label={label}
				onClick={() => void copy()}
			>
				{t.domains.copy}
			</button>
			<span class="copy-note" aria-live="polite">
				{note}
			</span>
		</span>
	);
}
