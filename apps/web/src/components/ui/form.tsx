/**
 * Form building blocks shared by every screen: labelled fields that announce their hint and
 * error, a message area (errors as alerts, success politely), and the state of one submission.
 */

import type { PlanLimit } from "@smartpages/contracts";
import type {
	ComponentChildren,
	InputHTMLAttributes,
	JSX,
	RefObject,
	TargetedKeyboardEvent,
} from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ApiFailure } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText, fieldTexts } from "../../lib/messages";
import { UpgradePrompt } from "./UpgradePrompt";

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

export function useFormState(): FormState {
	const { t } = useI18n();
	const [busy, setBusy] = useState(false);
	const [fields, setFields] = useState<Record<string, string>>({});
	const [message, setMessage] = useState<Message | null>(null);
	const [focusError, setFocusError] = useState(0);
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
	return { busy, fields, message, formRef, start, invalid, failed, done, setMessage };
}

/** Errors are alerts (read at once); success and info wait politely. */
export function FormMessage({ message }: { message: Message | null }) {
	return (
		<div class="form-message" aria-live="polite">
			{message?.kind === "limit" ? <UpgradePrompt limit={message.limit} /> : null}
			{message?.kind === "error" ? (
				<p class="notice notice-error" role="alert">
					{message.text}
				</p>
			) : null}
			{message?.kind === "success" || message?.kind === "info" ? (
				<p class={`notice notice-${message.kind}`}>{message.text}</p>
			) : null}
		</div>
	);
}

interface FieldProps {
	id: string;
	label: string;
	error?: string | undefined;
	hint?: ComponentChildren;
	optional?: boolean;
	children: (a11y: {
		id: string;
		"aria-invalid": "true" | undefined;
		"aria-describedby": string | undefined;
	}) => JSX.Element;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * Adopts what was typed (or autofilled) into the server-rendered control before the island
 * hydrated: hydration keeps the DOM value, so without this the state would silently stay empty.
 */
function useTypedBeforeHydration<E extends Control>(
	value: string,
	onValue: (value: string) => void,
) {
	const ref = useRef<E>(null);
	// Once, right after hydration (later changes arrive through onInput).
	useEffect(() => {
		const element = ref.current;
		if (element && element.value !== value) onValue(element.value);
	}, []);
	return ref;
}

/** A label, the control (render prop, so any input works), its hint and its error. */
export function Field({ id, label, error, hint, optional, children }: FieldProps) {
	const { t } = useI18n();
	const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
		.filter(Boolean)
		.join(" ");
	return (
		<div class={error ? "field field-invalid" : "field"}>
			<label for={id}>
				{label}
				{optional ? <span class="optional"> ({t.common.optional})</span> : null}
			</label>
			{children({
				id,
				"aria-invalid": error ? "true" : undefined,
				"aria-describedby": described || undefined,
			})}
			{hint ? (
				<p class="hint" id={`${id}-hint`}>
					{hint}
				</p>
			) : null}
			{error ? (
				<p class="field-error" id={`${id}-error`}>
					{error}
				</p>
			) : null}
		</div>
	);
}

type InputAttributes = Omit<
	InputHTMLAttributes<HTMLInputElement>,
	"id" | "onInput" | "value" | "ref"
>;

interface TextFieldProps extends InputAttributes {
	id: string;
	label: string;
	value: string;
	onValue: (value: string) => void;
	error?: string | undefined;
	hint?: ComponentChildren;
	optional?: boolean;
}

/** A labelled single-line input (text, e-mail, password, url). */
export function TextField({
	id,
	label,
	value,
	onValue,
	error,
	hint,
	optional,
	...rest
}: TextFieldProps) {
	const ref = useTypedBeforeHydration<HTMLInputElement>(value, onValue);
	return (
		<Field id={id} label={label} error={error} hint={hint} optional={optional}>
			{(a11y) => (
				<input
					{...rest}
					{...a11y}
					ref={ref}
					name={rest.name ?? id}
					value={value}
					onInput={(e) => onValue(e.currentTarget.value)}
				/>
			)}
		</Field>
	);
}

interface TextAreaProps {
	id: string;
	label: string;
	value: string;
	onValue: (value: string) => void;
	max: number;
	error?: string | undefined;
	hint?: ComponentChildren;
	optional?: boolean;
	rows?: number;
}

/** A labelled multi-line input with a count of the characters left. */
export function TextArea({
	id,
	label,
	value,
	onValue,
	max,
	error,
	hint,
	optional,
	rows = 3,
}: TextAreaProps) {
	const { t } = useI18n();
	const ref = useTypedBeforeHydration<HTMLTextAreaElement>(value, onValue);
	const left = max - [...value].length;
	return (
		<Field
			id={id}
			label={label}
			error={error}
			optional={optional}
			hint={
				<>
					{hint ? <span>{hint} </span> : null}
					<span class={left < 0 ? "count count-over" : "count"}>
						{t.common.charactersLeft(left)}
					</span>
				</>
			}
		>
			{(a11y) => (
				<textarea
					{...a11y}
					ref={ref}
					name={id}
					rows={rows}
					value={value}
					onInput={(e) => onValue(e.currentTarget.value)}
				/>
			)}
		</Field>
	);
}

interface SelectFieldProps<V extends string> {
	id: string;
	label: string;
	value: V;
	options: readonly { value: V; label: string }[];
	onValue: (value: V) => void;
	error?: string | undefined;
	hint?: ComponentChildren;
}

/** A labelled select over a closed set of values. */
export function SelectField<V extends string>({
	id,
	label,
	value,
	options,
	onValue,
	error,
	hint,
}: SelectFieldProps<V>) {
	return (
		<Field id={id} label={label} error={error} hint={hint}>
			{(a11y) => (
				<select
					{...a11y}
					name={id}
					value={value}
					onChange={(e) => {
						const chosen = options.find((o) => o.value === e.currentTarget.value);
						if (chosen) onValue(chosen.value);
					}}
				>
					{options.map((o) => (
						<option key={o.value} value={o.value}>
							{o.label}
						</option>
					))}
				</select>
			)}
		</Field>
	);
}

interface SubmitProps {
	busy: boolean;
	label: string;
	busyLabel: string;
	variant?: "primary" | "secondary" | "danger";
}

/**
 * The submit button; disabled until the island has hydrated (so a form is never sent the plain
 * HTML way before the script runs), and marked busy while a submission is under way.
 */
export function SubmitButton({ busy, label, busyLabel, variant = "primary" }: SubmitProps) {
	const hydrated = useHydrated();
	return (
		<button
			type="submit"
			class={`button button-${variant}`}
			disabled={!hydrated}
			aria-disabled={busy ? "true" : undefined}
		>
			{busy ? busyLabel : label}
		</button>
	);
}

interface FormProps {
	state: FormState;
	onSubmit: () => Promise<void> | void;
	class?: string;
	onKeyDown?: (event: TargetedKeyboardEvent<HTMLFormElement>) => void;
	children: ComponentChildren;
}

/**
 * A form that submits through `onSubmit` only (never the browser's own way; its submit button
 * waits for hydration) and ignores double submits.
 */
export function Form({ state, onSubmit, class: className, onKeyDown, children }: FormProps) {
	return (
		<form
			ref={state.formRef}
			class={className}
			noValidate
			onKeyDown={onKeyDown}
			onSubmit={(event) => {
				event.preventDefault();
				if (state.busy) return;
				void onSubmit();
			}}
		>
			{children}
		</form>
	);
}
