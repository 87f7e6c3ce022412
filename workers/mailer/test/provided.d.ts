import "vitest";

declare module "vitest" {
	export interface ProvidedContext {
		mailPort: number;
	}
}
