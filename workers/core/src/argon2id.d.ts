// The package ships no types for its Wasm loader entry; this is its documented signature.
declare module "argon2id/lib/setup.js" {
	type Loader = (imports: WebAssembly.Imports) => Promise<{ instance: WebAssembly.Instance }>;
	export default function setupWasm(simd: Loader, noSimd: Loader): Promise<unknown>;
}
