/**
 * The state of one form submission: busy, localised reasons per field, and one message (error,
 * success, info or an upgrade prompt). After a failed submission the focus moves to the first
 * field that needs attention.
 */
import type { PlanLimit } from "@smartpages/contracts";
import { createContext, type RefObject } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ApiFailure } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText, fieldTexts } from "../../lib/messages";

/** False during the server render and until the island has hydrated. */
export function useHydrated(): boolean {
	const [hydrated, setHydrated] = useState(false);
	useEffect(() => setHydrated(true), []);
	return hydrated;
}

export type Message =
	| { kind: "error" | "success" | "info"; text: string }
	| { kind: "limit"; limit: PlanLimit };

export interface FormState {
	busy: boolean;
	/** Localised reason per field name. */
	fields: Record<string, string>;
	message: Message | null;
	/** Failed submissions so far: a field's repeated error belongs to its value at that one. */
	attempt: number;
	formRef: RefObject<HTMLFormElement>;
	/** Starts a submission: busy, previous errors and messages cleared. */
	start(): void;
	/**
	 * Client-side check failed: show the (server-worded) reasons at their fields, plus reasons
	 * only the dashboard checks (already localised), such as a repeated password.
	 */
	invalid(reasons: Record<string, string>, localised?: Record<string, string>): void;
	/** The API refused: field reasons at their fields, the rest as a message or upgrade prompt. */
	failed(failure: ApiFailure): void;
	/** Done; optionally say so. */
	done(message?: Message | null): void;
	setMessage(message: Message | null): void;
}

/** The state of the Form around a control, if any (fields and the submit button read it). */
export const FormContext = createContext<FormState | null>(null);

export function useFormState(): FormState {
	const { t } = useI18n();
	const [busy, setBusy] = useState(false);
	const [fields, setFields] = useState<Record<string, string>>({});
	const [message, setMessage] = useState<Message | null>(null);
	const [focusError, setFocusError] = useState(0);
	const [attempt, setAttempt] = useState(0);
	const formRef = useRef<HTMLFormElement>(null);

	// After a failed submission, focus moves to the first field that needs attention.
	useEffect(() => {
		if (focusError === 0) return;
		const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
		first?.focus();
	}, [focusError]);

	const start = useCallback(() => {
		setBusy(true);
		setFields({});
		setMessage(null);
	}, []);
	const invalid = useCallback(
		(reasons: Record<string, string>, localised: Record<string, string> = {}) => {
			setBusy(false);
			setFields({ ...fieldTexts(t, reasons), ...localised });
			setAttempt((n) => n + 1);
			setMessage({ kind: "error", text: t.errors.checkFields });
			setFocusError((n) => n + 1);
		},
		[t],
	);
	const failed = useCallback(
		(failure: ApiFailure) => {
			setBusy(false);
			const localised = fieldTexts(t, failure.fields);
			setFields(localised);
			setAttempt((n) => n + 1);
			const atFields = Object.keys(localised).length > 0;
			if (failure.limit && failure.status === 402) {
				setMessage({ kind: "limit", limit: failure.limit });
			} else {
				// With reasons at the fields (including 409 "taken"), the message points to them.
				setMessage({
					kind: "error",
					text: atFields ? t.errors.checkFields : failureText(t, failure),
				});
			}
			if (atFields) setFocusError((n) => n + 1);
		},
		[t],
	);
	const done = useCallback((next: Message | null = null) => {
		setBusy(false);
		setMessage(next);
	}, []);
	return { busy, fields, message, attempt, formRef, start, invalid, failed, done, setMessage };
}
