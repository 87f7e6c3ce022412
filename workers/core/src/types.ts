/** Hono environment of the Core app: bindings and the per-request variables middleware sets. */
import type { Session } from "./auth/sessions";

export interface AppEnv {
	Bindings: CoreEnv;
	Variables: {
		requestId: string;
		/** Milliseconds since the epoch for this request; one clock for the whole request. */
		now: number;
		/** Set by the session middleware when the cookie names a live session. */
		session: Session | null;
	};
}
