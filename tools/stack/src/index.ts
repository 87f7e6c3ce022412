/** Public surface of the stack harness, shared by `npm run dev`, tests and benchmarks. */
export { ROOT, type Stack, type StackOptions, type StackPorts, startStack } from "./stack.ts";
export { freePort } from "./processes.ts";
