/** Hono environment of the Core app: bindings and the per-request variables middleware sets. */
import type { ApiTokenPrincipal } from "@smartpages/contracts";
import type { RpcContext } from "@smartpages/contracts/rpc-context";
import type { Session } from "./auth/sessions";

export interface AppEnv {
	Bindings: CoreEnv;
	Variables: {
		requestId: string;
		/** What every RPC call of this request passes first: `c.env.CUSTOMER.getPlan(c.var.rpc, …)`. */
		rpc: RpcContext;
		/** Milliseconds since the epoch for this request; one clock for the whole request. */
		now: number;
		/** Set by the session middleware when the cookie names a live session. */
		session: Session | null;
		/** Set when an API token authenticated the request (issue 21); its id goes into the log. */
		apiToken: ApiTokenPrincipal | null;
	};
}
