/**
 * The signed-in header's navigation and actions. Wide screens show them in the header row; narrow
 * ones (a phone) keep the header to one row with a "Menu" disclosure button that opens them as a
 * panel below it (issue 19: the phone header wrapped to three rows). The button says whether the
 * panel is open (aria-expanded); Escape and a click outside close it, focus returning to the
 * button; the current screen is marked (aria-current) in either layout.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { dictionary, type Locale, localePath } from "../i18n";
import HeaderActions from "./HeaderActions";
import { useHydrated } from "./ui/form";

export interface NavItem {
	href: string;
	label: string;
}

interface Props {
	locale: Locale;
	path: string;
	items: readonly NavItem[];
	/**
	 * A screen anyone may open (confirming an address): it shows the signed-out header until a
	 * check finds a session, then the signed-in one (review L17: the logged-out header while
	 * logged in).
	 */
	probe?: boolean;
}

/** Whether the browser holds a session (one GET /me; any failure counts as no). */
async function hasSession(): Promise<boolean> {
	try {
		return (await fetch("/api/v1/me", { credentials: "same-origin" })).ok;
	} catch {
		return false;
	}
}

/** Which item a screen belongs to: its own, or the dashboard for screens under it (the editor). */
export function currentItem(items: readonly NavItem[], path: string): string | undefined {
	const own = items.find((item) => item.href === path);
	if (own) return own.href;
	return path.startsWith("/pages") ? "/" : undefined;
}

export default function HeaderMenu({ locale, path, items, probe = false }: Props) {
	const t = dictionary(locale);
	const hydrated = useHydrated();
	const [open, setOpen] = useState(false);
	const [signedIn, setSignedIn] = useState(!probe);
	useEffect(() => {
		if (probe) void hasSession().then(setSignedIn);
	}, [probe]);
	const button = useRef<HTMLButtonElement>(null);
	const root = useRef<HTMLDivElement>(null);
	const current = currentItem(items, path);

	useEffect(() => {
		if (!open) return;
		const onKey = (event: KeyboardEvent) => {
			if (event.key !== "Escape") return;
			setOpen(false);
			button.current?.focus();
		};
		const onPointer = (event: PointerEvent) => {
			if (event.target instanceof Node && root.current?.contains(event.target)) return;
			setOpen(false);
		};
		document.addEventListener("keydown", onKey);
		document.addEventListener("pointerdown", onPointer);
		return () => {
			document.removeEventListener("keydown", onKey);
			document.removeEventListener("pointerdown", onPointer);
		};
	}, [open]);

	if (!signedIn) return <HeaderActions locale={locale} signedIn={false} path={path} />;
	return (
		<div class="header-menu" ref={root} data-open={open ? "true" : undefined}>
			<button
				type="button"
				ref={button}
				class="menu-toggle button button-secondary button-small"
				aria-expanded={open ? "true" : "false"}
				aria-controls="header-panel"
				disabled={!hydrated}
				onClick={() => setOpen((o) => !o)}
			>
				<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" focusable="false">
					<path
						d={open ? "M6 6l12 12M18 6L6 18" : "M4 7h16M4 12h16M4 17h16"}
						stroke="currentColor"
						stroke-width="2"
						stroke-linecap="round"
						fill="none"
					/>
				</svg>
				<span>{t.ux.menu.open}</span>
			</button>
			<div id="header-panel" class="header-panel">
				<nav aria-label={t.common.mainNav}>
					<ul>
						{items.map((item) => (
							<li key={item.href}>
								<a
									href={localePath(locale, item.href)}
									aria-current={
										item.href === path ? "page" : item.href === current ? "true" : undefined
									}
								>
									{item.label}
								</a>
							</li>
						))}
					</ul>
				</nav>
				<HeaderActions locale={locale} signedIn path={path} />
			</div>
		</div>
	);
}
