/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
	return value.replace(
		/[&<>"']/g,
		(ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
	);
}
