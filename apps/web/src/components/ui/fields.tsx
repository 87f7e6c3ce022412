/**
 * Labelled controls: each announces its hint and error (aria-describedby, aria-invalid) and keeps
 * what was typed into the server render before the island hydrated. A field's error is about the
 * value it was given for: once the value changes, the error goes (issue 19: "This handle is
 * already taken" stayed red after the handle was changed).
 */
import type { ComponentChildren, InputHTMLAttributes, JSX } from "preact";
import { useContext, useEffect, useRef } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";
import { FormContext } from "./form-state";
import { type ErrorFor, freshError } from "./fresh-error";

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

/** The error to show for `value`: hidden once the value differs from the one it was given for. */
function useFreshError(error: string | undefined, value: string): string | undefined {
	const attempt = useContext(FormContext)?.attempt ?? 0;
	const seen = useRef<ErrorFor>({ error: undefined, value, attempt });
	const next = freshError(seen.current, error, value, attempt);
	seen.current = next.seen;
	return next.shown;
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
	const shown = useFreshError(error, value);
	return (
		<Field id={id} label={label} error={shown} hint={hint} optional={optional}>
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
	const shown = useFreshError(error, value);
	const left = max - [...value].length;
	return (
		<Field
			id={id}
			label={label}
			error={shown}
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
	const shown = useFreshError(error, value);
	return (
		<Field id={id} label={label} error={shown} hint={hint}>
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
