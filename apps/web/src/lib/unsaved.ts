/**
 * Warns before leaving a screen while a form holds edits that were not saved: the browser's own
 * "leave site?" question (its wording is the browser's; the page cannot choose it).
 */
import { useEffect } from "preact/hooks";

export function useUnsavedWarning(dirty: boolean): void {
	useEffect(() => {
		if (!dirty) return;
		const warn = (event: BeforeUnloadEvent) => {
			event.preventDefault();
			// Older browsers need a returnValue to show the question.
			event.returnValue = "";
		};
		window.addEventListener("beforeunload", warn);
		return () => window.removeEventListener("beforeunload", warn);
	}, [dirty]);
}
