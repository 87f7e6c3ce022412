import "vitest";

declare module "vitest" {
	export interface ProvidedContext {
		stripePort: number;
	}
}
