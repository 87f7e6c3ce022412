/** Public surface of the stack harness, shared by `npm run dev`, tests and benchmarks. */

export {
	type Answer,
	ApiClient,
	type ApiError,
	type ApiResponse,
	type InboxMessage,
	inbox,
	type RawResponse,
	tokenFrom,
	waitForMail,
} from "./api-client.ts";
export { coreCrons, cronDue, startCronTicker, triggerCron } from "./cron.ts";
export { getWithHost, type HostResponse } from "./host-request.ts";
export { freePort } from "./processes.ts";
export { DEMO, seedDemo } from "./seed.ts";
export { ROOT, type Stack, type StackOptions, type StackPorts, startStack } from "./stack.ts";
