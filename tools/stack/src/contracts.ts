/**
 * Loads the contracts' typed client (@smartpages/contracts/api) for code that runs under plain
 * Node (`npm run dev`, `npm run test:load`, `npm run bench`). The contracts package is written for
 * bundlers and vitest: its relative imports have no extension, which Node's own TypeScript support
 * does not resolve. A resolve hook, registered before the first import of the package, retries such
 * an import with ".ts" (and "/index.ts"); it only acts where Node's resolution failed, so under
 * vitest, whose resolver handles the package itself, it changes nothing.
 */
import { registerHooks } from "node:module";

type ContractsApi = typeof import("@smartpages/contracts/api");

let loaded: Promise<ContractsApi> | undefined;

/** The contracts' client module, imported once. */
export function contractsClient(): Promise<ContractsApi> {
	if (!loaded) {
		registerHooks({
			resolve(specifier, context, next) {
				try {
					return next(specifier, context);
				} catch (error) {
					if (!/^\.\.?\//.test(specifier) || /\.[cm]?[jt]s$/.test(specifier)) throw error;
					try {
						return next(`${specifier}.ts`, context);
					} catch {
						return next(`${specifier}/index.ts`, context);
					}
				}
			},
		});
		loaded = import("@smartpages/contracts/api");
	}
	return loaded;
}
