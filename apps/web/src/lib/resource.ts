/**
 * What a screen loads when it opens, in one hook: load on mount, a failure to show with a retry,
 * a reload on demand (after a change elsewhere) and a local update (after a save answered with
 * the new value). A 401 is not a failure to show: the api's unauthenticated handler redirects to
 * the login page, so the screen keeps its loading state until then.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import type { ApiFailure } from "./api";

export interface Resource<T> {
	/** null until the first load succeeded. */
	data: T | null;
	failure: ApiFailure | null;
	reload: () => void;
	/** Changes the loaded value without loading it again (no-op before the first load). */
	update: (change: (value: T) => T) => void;
}

/** Loads with `load` once when the screen opens; `load` must not change between renders. */
export function useResource<T>(
	load: () => Promise<{ ok: true; data: T } | ApiFailure>,
): Resource<T> {
	const [data, setData] = useState<T | null>(null);
	const [failure, setFailure] = useState<ApiFailure | null>(null);

	const reload = useCallback(() => {
		setFailure(null);
		void load().then((res) => {
			if (res.ok) setData(res.data);
			else if (res.code !== "unauthenticated") setFailure(res);
		});
	}, [load]);

	useEffect(reload, [reload]);

	const update = useCallback(
		(change: (value: T) => T) => setData((value) => (value === null ? value : change(value))),
		[],
	);
	return { data, failure, reload, update };
}
