import "vitest";

declare module "vitest" {
	export interface ProvidedContext {
		dnsPort: number;
	}
}
