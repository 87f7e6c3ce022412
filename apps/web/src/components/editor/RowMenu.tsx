/**
 * A link row's secondary actions behind one button (issue 19: compact rows on a phone), following
 * the WAI-ARIA menu button pattern: the button says it opens a menu and whether it is open; the
 * first item takes the focus; Arrow keys, Home and End move between items; Escape closes and
 * gives the focus back to the button; Tab or a click elsewhere closes it.
 */
import type { TargetedKeyboardEvent } from "preact";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "preact/hooks";

export interface MenuItem {
	key: string;
	label: string;
	onSelect: () => void;
	disabled?: boolean;
	danger?: boolean;
}

interface Props {
	label: string;
	items: MenuItem[];
	/** `data-focus` of the button, so the list can give the focus back after a move. */
	focusName: string;
}

export function RowMenu({ label, items, focusName }: Props) {
	const id = useId();
	const [open, setOpen] = useState(false);
	const button = useRef<HTMLButtonElement>(null);
	const menu = useRef<HTMLDivElement>(null);

	const itemsInMenu = () =>
		Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

	// The first item takes the focus in the same commit that shows the menu: an effect after paint
	// could take it back from an item the customer (or a test) already moved to.
	useLayoutEffect(() => {
		if (open) itemsInMenu()[0]?.focus();
	}, [open]);

	useEffect(() => {
		if (!open) return;
		const outside = (event: PointerEvent) => {
			const target = event.target as Node;
			if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
		};
		document.addEventListener("pointerdown", outside);
		return () => document.removeEventListener("pointerdown", outside);
	}, [open]);

	const close = (focusButton: boolean) => {
		setOpen(false);
		if (focusButton) button.current?.focus();
	};

	const onMenuKey = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
		const all = itemsInMenu();
		const index = all.indexOf(document.activeElement as HTMLElement);
		const go = (next: number) => {
			event.preventDefault();
			all[(next + all.length) % all.length]?.focus();
		};
		if (event.key === "ArrowDown") go(index + 1);
		else if (event.key === "ArrowUp") go(index - 1);
		else if (event.key === "Home") go(0);
		else if (event.key === "End") go(all.length - 1);
		else if (event.key === "Escape") {
			event.preventDefault();
			// The row's own Escape (an edit form) must not see it.
			event.stopPropagation();
			close(true);
		} else if (event.key === "Tab") setOpen(false);
		// Alt + Arrow moves the row; inside the menu the arrows move between items only.
		if (event.key.startsWith("Arrow")) event.stopPropagation();
	};

	return (
		<div class="row-menu">
			<button
				type="button"
				ref={button}
				class="button button-quiet icon-button"
				data-focus={focusName}
				aria-label={label}
				aria-haspopup="menu"
				aria-expanded={open ? "true" : "false"}
				aria-controls={open ? `${id}-menu` : undefined}
				onClick={() => setOpen((o) => !o)}
				onKeyDown={(event) => {
					if (event.key === "ArrowDown" && !event.altKey) {
						event.preventDefault();
						setOpen(true);
					}
				}}
			>
				<span aria-hidden="true">⋯</span>
			</button>
			{open ? (
				<div
					id={`${id}-menu`}
					ref={menu}
					role="menu"
					aria-label={label}
					class="menu"
					onKeyDown={onMenuKey}
				>
					{items.map((item) => (
						<button
							key={item.key}
							type="button"
							role="menuitem"
							tabIndex={-1}
							class={item.danger ? "menu-item menu-item-danger" : "menu-item"}
							aria-disabled={item.disabled ? "true" : undefined}
							onClick={() => {
								if (item.disabled) return;
								close(true);
								item.onSelect();
							}}
						>
							{item.label}
						</button>
					))}
				</div>
			) : null}
		</div>
	);
}
