// The package ships no types for its Wasm loader entry; this is its documented signature. Core's
// password hashing and the bench's CPU measurement both use it (one definition of ComputeHash).
declare module "argon2id/lib/setup.js" {
	type Loader = (imports: WebAssembly.Imports) => Promise<{ instance: WebAssembly.Instance }>;
	/** One Argon2id hash with explicit parameters: the raw tag. */
	export type ComputeHash = (params: {
		password: Uint8Array;
		salt: Uint8Array;
		parallelism: number;
		passes: number;
		memorySize: number;
		tagLength: number;
	}) => Uint8Array;
	export default function setupWasm(simd: Loader, noSimd: Loader): Promise<ComputeHash>;
}
