/**
 * A queue for changes sent to Core: each task starts once every earlier one has been answered,
 * so a publish never overtakes a reorder made just before it, and responses cannot arrive out of
 * order. A failed task does not stop the ones after it.
 */
import { useCallback, useRef } from "preact/hooks";

export type Enqueue = <T>(task: () => Promise<T>) => Promise<T>;

export function useQueue(): Enqueue {
	const tail = useRef<Promise<unknown>>(Promise.resolve());
	return useCallback(<T>(task: () => Promise<T>): Promise<T> => {
		const run = tail.current.then(task, task);
		tail.current = run.catch(() => undefined);
		return run;
	}, []);
}
