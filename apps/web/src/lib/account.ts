/**
 * The signed-in account behind every dashboard screen. Loads GET /me once; without a session the
 * visitor goes to the login page, and a screen in the wrong language is swapped for the one in
 * the account's language (which is also remembered for visits without a session).
 */
import type { ResponseOf } from "@smartpages/contracts";
import { useCallback, useEffect, useState } from "preact/hooks";
import { type Locale, rememberLocale, switchLocation } from "../i18n";
import {
	type ApiFailure,
	type ApiResult,
	api,
	NETWORK_FAILURE,
	setUnauthenticatedHandler,
	toResult,
} from "./api";
import { goToLogin } from "./navigation";

/** The signed-in account as GET /me answers it: user, profile, plan and entitlements. */
export type Me = ResponseOf<"GET /me">;

declare global {
	interface Window {
		/** GET /api/v1/me, sent by the inline script of Shell.astro while the page was parsed. */
		__spMe?: Promise<Response>;
	}
}

/**
 * The account, taking over the request the page's head script already sent (once); without a
 * session that script is already on its way to the login page, so nothing else happens here.
 */
function loadMe(): Promise<ApiResult<Me>> {
	const early = window.__spMe;
	if (!early) return api("GET /me");
	window.__spMe = undefined;
	return early.then(
		(res) => toResult("GET /me", res, { notify: false }),
		() => NETWORK_FAILURE,
	);
}

export type AccountState =
	| { status: "loading" }
	| { status: "failed"; failure: ApiFailure; retry: () => void }
	| { status: "ready"; me: Me; setMe: (me: Me) => void; reload: () => Promise<void> };

export function useAccount(locale: Locale): AccountState {
	const [me, setMe] = useState<Me | null>(null);
	const [failure, setFailure] = useState<ApiFailure | null>(null);

	const load = useCallback(async () => {
		const res = await loadMe();
		if (!res.ok) {
			// 401 is handled by the redirect registered below; the screen keeps "loading".
			if (res.code !== "unauthenticated") setFailure(res);
			return;
		}
		rememberLocale(res.data.user.locale);
		if (switchLocation(res.data.user.locale, locale)) return;
		setFailure(null);
		setMe(res.data);
	}, [locale]);

	useEffect(() => {
		setUnauthenticatedHandler(() => goToLogin(locale));
		void load();
		return () => setUnauthenticatedHandler(null);
	}, [locale, load]);

	if (me) return { status: "ready", me, setMe, reload: load };
	if (failure) {
		return {
			status: "failed",
			failure,
			retry: () => {
				setFailure(null);
				void load();
			},
		};
	}
	return { status: "loading" };
}
