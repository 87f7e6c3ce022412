/** Core Worker entry: the public API gateway. */
import { createApp } from "./app";

const app = createApp();

export default {
	fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<CoreEnv>;
