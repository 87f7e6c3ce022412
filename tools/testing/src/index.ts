export { auxiliaryWorker } from "./auxiliary-workers.ts";
