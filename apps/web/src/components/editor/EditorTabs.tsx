/**
 * The editor's sections as tabs (issue 19: links first; design, settings, sharing and versions
 * each in their own tab instead of one long column), following the WAI-ARIA tabs pattern: Left
 * and Right (and Home, End) move between tabs and select them; Tab goes into the panel. Every
 * panel stays mounted while hidden, so what is typed in one survives a visit to another.
 */
import type { ComponentChildren, TargetedKeyboardEvent } from "preact";
import { useId, useRef, useState } from "preact/hooks";

export interface TabSpec {
	key: string;
	label: string;
	panel: ComponentChildren;
}

export function EditorTabs({ label, tabs }: { label: string; tabs: TabSpec[] }) {
	const id = useId();
	const [selected, setSelected] = useState(tabs[0]?.key ?? "");
	const list = useRef<HTMLDivElement>(null);

	const onKey = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
		const index = tabs.findIndex((tab) => tab.key === selected);
		const to =
			event.key === "ArrowRight"
				? (index + 1) % tabs.length
				: event.key === "ArrowLeft"
					? (index - 1 + tabs.length) % tabs.length
					: event.key === "Home"
						? 0
						: event.key === "End"
							? tabs.length - 1
							: -1;
		const next = tabs[to];
		if (!next) return;
		event.preventDefault();
		setSelected(next.key);
		list.current?.querySelector<HTMLElement>(`[data-tab="${next.key}"]`)?.focus();
	};

	return (
		<div class="tabs">
			<div role="tablist" aria-label={label} class="tab-list" ref={list} onKeyDown={onKey}>
				{tabs.map((tab) => {
					const active = tab.key === selected;
					return (
						<button
							key={tab.key}
							type="button"
							role="tab"
							id={`${id}-tab-${tab.key}`}
							data-tab={tab.key}
							class="tab"
							aria-selected={active ? "true" : "false"}
							aria-controls={`${id}-panel-${tab.key}`}
							tabIndex={active ? 0 : -1}
							onClick={() => setSelected(tab.key)}
						>
							{tab.label}
						</button>
					);
				})}
			</div>
			{tabs.map((tab) => (
				<div
					key={tab.key}
					role="tabpanel"
					id={`${id}-panel-${tab.key}`}
					aria-labelledby={`${id}-tab-${tab.key}`}
					class="tab-panel"
					data-panel={tab.key}
					hidden={tab.key !== selected}
				>
					{tab.panel}
				</div>
			))}
		</div>
	);
}
