/**
 * Toasts: short announced messages at the bottom of the viewport, for results of actions whose
 * own control may be out of view (issue 19: save notices appeared off-screen). Plain DOM, not an
 * island: any island calls `showToast`, and every toast lands in the two live regions Shell.astro
 * renders with the page (so screen readers already watch them): polite for results, assertive
 * for errors. A success fades after a few seconds; an error stays until dismissed or replaced.
 */
export type ToastKind = "success" | "info" | "error";

const SUCCESS_MS = 6000;

function region(kind: ToastKind): HTMLElement {
	const id = kind === "error" ? "toasts-alert" : "toasts-status";
	const found = document.getElementById(id);
	if (found) return found;
	// Outside the Shell (never in the dashboard): made on first use.
	const stack = document.createElement("div");
	stack.className = "toast-stack";
	const made = document.createElement("div");
	made.id = id;
	made.setAttribute("role", kind === "error" ? "alert" : "status");
	stack.append(made);
	document.body.append(stack);
	return made;
}

/**
 * Shows `text` as a toast; `dismissLabel` names its close button in the page's language. Returns
 * a function that removes it.
 */
export function showToast(text: string, kind: ToastKind, dismissLabel: string): () => void {
	const host = region(kind);
	// One message per region: a newer result replaces the older one.
	host.replaceChildren();
	const toast = document.createElement("div");
	toast.className = `toast toast-${kind}`;
	const message = document.createElement("p");
	message.textContent = text;
	const close = document.createElement("button");
	close.type = "button";
	close.textContent = "×";
	close.setAttribute("aria-label", dismissLabel);
	const remove = () => toast.remove();
	close.addEventListener("click", remove);
	toast.append(message, close);
	host.append(toast);
	if (kind !== "error") {
		let timer = window.setTimeout(remove, SUCCESS_MS);
		// Kept while the pointer or focus rests on it (time to read; WCAG 2.2.1).
		const hold = () => window.clearTimeout(timer);
		const release = () => {
			timer = window.setTimeout(remove, SUCCESS_MS);
		};
		toast.addEventListener("pointerenter", hold);
		toast.addEventListener("pointerleave", release);
		toast.addEventListener("focusin", hold);
		toast.addEventListener("focusout", release);
	}
	return remove;
}
