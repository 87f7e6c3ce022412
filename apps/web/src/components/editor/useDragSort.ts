/**
 * Sorting a list by dragging a handle, on pointer events (mouse, pen and touch alike). Rows swap
 * live as the pointer passes their middle; releasing commits, Escape or a cancelled pointer puts
 * everything back. Listeners live on the window, because the dragged row moves in the DOM.
 */
import type { RefObject, TargetedPointerEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { moveItem } from "../../lib/pages";

interface Options<T extends { id: string }> {
	/** The list element; its rows carry `data-sort-id`. */
	listRef: RefObject<HTMLElement>;
	/** The current order, also between renders. */
	current: RefObject<T[]>;
	update: (next: T[]) => void;
	/** Called once with the new order when a drag changed it. */
	onDrop: (next: T[], moved: T) => void;
}

interface Drag<T> {
	id: string;
	pointerId: number;
	startOrder: T[];
	stop: () => void;
}

export function useDragSort<T extends { id: string }>({
	listRef,
	current,
	update,
	onDrop,
}: Options<T>) {
	const [dragId, setDragId] = useState<string | null>(null);
	const drag = useRef<Drag<T> | null>(null);

	// A drag in progress when the list goes away leaves no listeners behind.
	useEffect(() => () => drag.current?.stop(), []);

	const dragTo = (event: PointerEvent) => {
		const state = drag.current;
		const list = listRef.current;
		const items = current.current;
		if (!state || !list || !items || event.pointerId !== state.pointerId) return;
		const from = items.findIndex((item) => item.id === state.id);
		let to = 0;
		for (const row of list.querySelectorAll<HTMLElement>("[data-sort-id]")) {
			if (row.dataset.sortId === state.id) continue;
			const box = row.getBoundingClientRect();
			if (event.clientY > box.top + box.height / 2) to++;
		}
		if (from !== -1 && to !== from) update(moveItem(items, from, to));
	};

	const endDrag = (commit: boolean) => {
		const state = drag.current;
		if (!state) return;
		drag.current = null;
		setDragId(null);
		state.stop();
		const items = current.current ?? [];
		if (!commit) {
			update(state.startOrder);
			return;
		}
		const changed = items.some((item, index) => item.id !== state.startOrder[index]?.id);
		const moved = items.find((item) => item.id === state.id);
		if (changed && moved) onDrop(items, moved);
	};

	const startDrag = (event: TargetedPointerEvent<HTMLElement>, id: string) => {
		if (event.button !== 0 || drag.current) return;
		event.preventDefault();
		const move = (e: PointerEvent) => dragTo(e);
		const up = () => endDrag(true);
		const cancel = () => endDrag(false);
		const key = (e: KeyboardEvent) => {
			if (e.key === "Escape") endDrag(false);
		};
		window.addEventListener("pointermove", move);
		window.addEventListener("pointerup", up);
		window.addEventListener("pointercancel", cancel);
		window.addEventListener("keydown", key);
		drag.current = {
			id,
			pointerId: event.pointerId,
			startOrder: current.current ?? [],
			stop: () => {
				window.removeEventListener("pointermove", move);
				window.removeEventListener("pointerup", up);
				window.removeEventListener("pointercancel", cancel);
				window.removeEventListener("keydown", key);
			},
		};
		setDragId(id);
	};

	return { dragId, startDrag };
}
