/**
 * Reading what a link brought along: query parameters, and single-use tokens from the fragment
 * (mail links carry them after "#", so they never reach a server log). A token is removed from
 * the address bar once read, so it stays out of history and screenshots.
 */

export function queryParam(name: string): string | null {
	return new URLSearchParams(window.location.search).get(name);
}

/** Reads `#token=…` and strips the fragment from the current history entry. */
export function takeFragmentToken(): string | null {
	const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
	if (window.location.hash) {
		const { pathname, search } = window.location;
		window.history.replaceState(window.history.state, "", `${pathname}${search}`);
	}
	return token;
}

/**
 * Calls `receive` with the fragment token now and whenever a new one arrives without a page load
 * (a link pasted into the tab that is already open changes only the fragment).
 */
export function watchFragmentToken(receive: (token: string | null) => void): () => void {
	receive(takeFragmentToken());
	const onHashChange = () => {
		const token = takeFragmentToken();
		if (token) receive(token);
	};
	window.addEventListener("hashchange", onHashChange);
	return () => window.removeEventListener("hashchange", onHashChange);
}
