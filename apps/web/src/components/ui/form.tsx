/**
 * The form shell every screen uses: a <form> that submits through a handler only, its message
 * area and its submit button. Field controls and submission state live beside it and are
 * re-exported here, so screens import forms from one place.
 *
 * Inside a Form, the message is shown beside the submit button, where the eye is after a click
 * (issue 19: "Profile saved." and validation summaries appeared at the top of long forms,
 * off-screen); a FormMessage placed elsewhere in the form renders nothing. When the button row is
 * out of view as the message arrives (a submit by Enter in the first field), it is scrolled into
 * view.
 */
import type { ComponentChildren, TargetedKeyboardEvent } from "preact";
import { useContext, useEffect, useRef } from "preact/hooks";
import { FormContext, type FormState, type Message, useHydrated } from "./form-state";
import { UpgradePrompt } from "./UpgradePrompt";

export { Field, SelectField, TextArea, TextField } from "./fields";
export { type FormState, type Message, useFormState, useHydrated } from "./form-state";

/**
 * A form's message. Errors are alerts (read at once); success and info wait politely. Inside a
 * Form it renders nothing: the submit button shows the form's message (see the module comment).
 */
export function FormMessage({ message }: { message: Message | null }) {
	const inForm = useContext(FormContext);
	if (inForm) return null;
	return <MessageArea message={message} />;
}

function MessageArea({ message }: { message: Message | null }) {
	const area = useRef<HTMLDivElement>(null);
	useEffect(() => {
		const element = area.current;
		if (!message || !element) return;
		const { top, bottom } = element.getBoundingClientRect();
		if (top < 0 || bottom > window.innerHeight) {
			// Only when focus did not already move to a field that needs attention.
			if (document.activeElement?.getAttribute("aria-invalid") === "true") return;
			element.scrollIntoView({ block: "nearest" });
		}
	}, [message]);
	return (
		<div class="form-message" aria-live="polite" ref={area}>
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
	const form = useContext(FormContext);
	const button = (
		<button
			type="submit"
			class={`button button-${variant}`}
			disabled={!hydrated}
			aria-disabled={busy ? "true" : undefined}
		>
			{busy ? busyLabel : label}
		</button>
	);
	if (!form) return button;
	return (
		<div class="submit-row">
			{button}
			<MessageArea message={form.message} />
		</div>
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
		<FormContext.Provider value={state}>
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
		</FormContext.Provider>
	);
}
