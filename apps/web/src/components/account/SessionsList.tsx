/**
 * The account's signed-in devices, newest activity first; any of them can be signed out. "Last
 * active" is true to about 5 minutes (Core refreshes it at most that often); this device is
 * "active now".
 */
import type { SessionInfo } from "@smartpages/contracts";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { formatDateTime, localePath } from "../../i18n";
import { type ApiFailure, api } from "../../lib/api";
import { describeUserAgent } from "../../lib/devices";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { Loading } from "../ui/LoadFailure";
import { showToast } from "../ui/toast";

export function SessionsList({ version }: { version: number }) {
	const { t, locale } = useI18n();
	const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
	const [failure, setFailure] = useState<ApiFailure | null>(null);
	const heading = useRef<HTMLHeadingElement>(null);

	const load = useCallback(async () => {
		const res = await api("GET /me/sessions");
		if (!res.ok) return setFailure(res);
		setFailure(null);
		const sorted = res.data.sessions
			.slice()
			.sort(
				(a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
			);
		setSessions(sorted);
	}, []);

	useEffect(() => {
		void version;
		void load();
	}, [load, version]);

	const revoke = async (session: SessionInfo) => {
		const res = await api("DELETE /me/sessions/:id", { params: { id: session.id } });
		if (!res.ok && res.code !== "not_found") return setFailure(res);
		if (session.current) {
			window.location.assign(`${localePath(locale, "/login")}?notice=logged-out`);
			return;
		}
		setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null);
		// The row (and its button) is gone: focus goes to the list's heading, the result to a toast
		// at the bottom of the viewport, where it is seen whatever the scroll position.
		heading.current?.focus();
		showToast(t.account.sessions.revoked, "success", t.ux.toast.dismiss);
	};

	const deviceName = (session: SessionInfo) => {
		const device = describeUserAgent(session.userAgent);
		return device
			? t.account.sessions.device(device.browser, device.os)
			: t.account.sessions.unknown;
	};

	return (
		<section class="card" aria-labelledby="sessions-heading">
			<h2 id="sessions-heading" ref={heading} tabIndex={-1}>
				{t.account.sessions.heading}
			</h2>
			<p class="hint">{t.account.sessions.intro}</p>
			{failure ? (
				<p class="notice notice-error" role="alert">
					{failureText(t, failure)}
				</p>
			) : null}
			{sessions === null ? (
				failure ? null : (
					<Loading />
				)
			) : (
				<ul class="plain-list">
					{sessions.map((session) => {
						const name = deviceName(session);
						const signedIn = formatDateTime(locale, session.createdAt);
						return (
							<li key={session.id} class="row" data-session-id={session.id}>
								<div class="row-main">
									<p class="row-title">
										{name}{" "}
										{session.current ? (
											<span class="badge badge-published">{t.account.sessions.current}</span>
										) : null}
									</p>
									<p class="row-meta">
										{t.account.sessions.signedIn(signedIn)} ·{" "}
										{session.current
											? t.ux.sessions.activeNow
											: t.account.sessions.lastSeen(formatDateTime(locale, session.lastSeenAt))}
									</p>
								</div>
								<button
									type="button"
									class="button button-secondary button-small"
									aria-label={t.account.sessions.revokeLabel(name, signedIn)}
									onClick={() => void revoke(session)}
								>
									{t.account.sessions.revoke}
								</button>
							</li>
						);
					})}
				</ul>
			)}
		</section>
	);
}
