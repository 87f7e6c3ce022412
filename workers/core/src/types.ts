/** Hono environment of the Core app: bindings and the per-request variables middleware sets. */
export interface AppEnv {
	Bindings: CoreEnv;
	Variables: {
		requestId: string;
	};
}
