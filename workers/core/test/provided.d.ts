import "vitest";

declare module "vitest" {
	export interface ProvidedContext {
		cloudPorts: { mail: number; stripe: number; dns: number; stats: number };
	}
}
