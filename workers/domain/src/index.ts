/**
 * Domain Worker entry: public delivery of published pages and assets.
 * Only GET and HEAD; everything is resolved from R2 (through the edge cache), nothing is written.
 */
import { resolveRequest } from "./resolve";
import { methodNotAllowed, notFound, respond } from "./respond";

export default {
	async fetch(request, env, ctx) {
		if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed();
		const ttl = Number.parseInt(env.MANIFEST_CACHE_SECONDS, 10) || 0;
		const target = await resolveRequest(request, env.PAGES, ctx, ttl);
		if (!target) return notFound(request);
		return respond(request, env.PAGES, ctx, target);
	},
} satisfies ExportedHandler<DomainEnv>;
