/**
 * The form shell every screen uses: a <form> that submits through a handler only, its message
 * area and its submit button. Field controls and submission state live beside it and are
 * re-exported here, so screens import forms from one place.
 */
import type { ComponentChildren, TargetedKeyboardEvent } from "preact";
import { type FormState, type Message, useHydrated } from "./form-state";
import { UpgradePrompt } from "./UpgradePrompt";

export { Field, SelectField, TextArea, TextField } from "./fields";
export { type FormState, type Message, useFormState, useHydrated } from "./form-state";

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
