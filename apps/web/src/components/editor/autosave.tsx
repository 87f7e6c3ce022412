/**
 * Drafts saved automatically (issue 19): `useAutosave` sends one field (or one group of fields
 * that belong together, like a design) about 600 ms after the last keystroke, through the
 * editor's queue; `SaveTracker` collects every field's state, so the publish bar can say
 * "saving …", "all changes saved" or "not saved", and can flush whatever is still waiting before
 * it publishes. What the customer types is never replaced by the answer (no lost keystrokes):
 * the answer only marks the value as saved; a value that changed meanwhile is sent next.
 */
import type { ComponentChildren } from "preact";
import { createContext } from "preact";
import { useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";
import { useUnsavedWarning } from "../../lib/unsaved";

export type SaveStatus = "idle" | "pending" | "saving" | "saved" | "failed";

/** How long after the last change a field is sent. */
export const AUTOSAVE_DELAY = 600;

interface Tracker {
	report: (id: string, status: SaveStatus, flush: () => Promise<void>) => void;
	forget: (id: string) => void;
}

const TrackerContext = createContext<Tracker | null>(null);

/** The combined state of every field: the worst one wins. */
export type OverallStatus = "saved" | "saving" | "failed";

interface TrackerState {
	status: OverallStatus;
	/** Sends everything still waiting and resolves once it was answered. */
	flushAll: () => Promise<void>;
}

/** Holds the fields' save states; `children` receives the combined state. */
export function SaveTracker({
	children,
}: {
	children: (state: TrackerState) => ComponentChildren;
}) {
	const fields = useRef(new Map<string, { status: SaveStatus; flush: () => Promise<void> }>());
	const [status, setStatus] = useState<OverallStatus>("saved");

	const recompute = useCallback(() => {
		let next: OverallStatus = "saved";
		for (const field of fields.current.values()) {
			if (field.status === "failed") next = "failed";
			else if ((field.status === "pending" || field.status === "saving") && next !== "failed")
				next = "saving";
		}
		setStatus(next);
	}, []);

	const tracker = useMemo<Tracker>(
		() => ({
			report: (id, fieldStatus, flush) => {
				fields.current.set(id, { status: fieldStatus, flush });
				recompute();
			},
			forget: (id) => {
				fields.current.delete(id);
				recompute();
			},
		}),
		[recompute],
	);

	const flushAll = useCallback(async () => {
		await Promise.all([...fields.current.values()].map((field) => field.flush()));
	}, []);

	return (
		<TrackerContext.Provider value={tracker}>
			{children({ status, flushAll })}
		</TrackerContext.Provider>
	);
}

interface AutosaveOptions<T> {
	value: T;
	/**
	 * Sends the value; resolves to null when it was saved, else to the reason (already localised)
	 * shown next to the field. Must start its request (enqueue) before its first await, so a
	 * publish queued after a flush comes after it.
	 */
	save: (value: T) => Promise<string | null>;
	delay?: number;
}

export interface Autosave {
	status: SaveStatus;
	/** Why the last attempt failed (cleared as soon as the value changes). */
	error: string | null;
	/** Sends now whatever is waiting (also the retry after a failure). */
	flush: () => Promise<void>;
}

export function useAutosave<T>({
	value,
	save,
	delay = AUTOSAVE_DELAY,
}: AutosaveOptions<T>): Autosave {
	const id = useId();
	const tracker = useContext(TrackerContext);
	const key = JSON.stringify(value);
	// The value at mount counts as saved: it came from Core.
	const saved = useRef(key);
	const latest = useRef({ value, key });
	latest.current = { value, key };
	const saveRef = useRef(save);
	saveRef.current = save;
	const running = useRef<Promise<void> | null>(null);
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
	const [status, setStatus] = useState<SaveStatus>("idle");
	const [error, setError] = useState<string | null>(null);

	const flush = useCallback(async (): Promise<void> => {
		clearTimeout(timer.current);
		// One request at a time per field; the one running picks up the newest value when done.
		if (running.current) {
			await running.current;
			if (latest.current.key !== saved.current) return flush();
			return;
		}
		const attempt = latest.current;
		if (attempt.key === saved.current) {
			setStatus((s) => (s === "pending" ? "saved" : s));
			return;
		}
		setStatus("saving");
		const run = (async () => {
			const failure = await saveRef.current(attempt.value);
			if (failure !== null) {
				setError(failure);
				setStatus("failed");
				return;
			}
			saved.current = attempt.key;
			setError(null);
			setStatus(latest.current.key === saved.current ? "saved" : "pending");
		})();
		running.current = run;
		await run;
		running.current = null;
		// Typed on while the request was under way: send the rest after the usual pause.
		if (latest.current.key !== saved.current && latest.current.key !== attempt.key) {
			timer.current = setTimeout(() => void flush(), delay);
		}
	}, [delay]);

	// Every change (re)starts the pause; a stale error goes with the value that caused it.
	useEffect(() => {
		if (key === saved.current) return;
		setStatus("pending");
		setError(null);
		clearTimeout(timer.current);
		timer.current = setTimeout(() => void flush(), delay);
	}, [key, delay, flush]);

	// A field that goes away (a closed edit form, another tab) sends what it still holds.
	useEffect(
		() => () => {
			clearTimeout(timer.current);
			if (latest.current.key !== saved.current) void flush();
		},
		[flush],
	);

	useEffect(() => {
		tracker?.report(id, status, flush);
	}, [tracker, id, status, flush]);
	useEffect(() => () => tracker?.forget(id), [tracker, id]);

	useUnsavedWarning(status === "pending" || status === "saving" || status === "failed");
	return { status, error, flush };
}

/** A field's save state next to it: "Saving …", "Saved", or why not with a retry button. */
export function FieldSaveState({ state }: { state: Autosave }) {
	const { t } = useI18n();
	const w = t.workspace;
	if (state.status === "failed") {
		return (
			<p class="save-state save-failed" role="alert">
				{w.fieldFailed(state.error ?? "")}{" "}
				<button
					type="button"
					class="button button-quiet button-small"
					onClick={() => void state.flush()}
				>
					{w.retry}
				</button>
			</p>
		);
	}
	return (
		<p class="save-state" aria-live="polite">
			{state.status === "saving" || state.status === "pending"
				? w.fieldSaving
				: state.status === "saved"
					? w.fieldSaved
					: ""}
		</p>
	);
}
