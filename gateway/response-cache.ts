import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { GatewayContext } from './caller-from-request';

const anonymous = (requestContext: GraphQLRequestContext<GatewayContext>) =>
  requestContext.contextValue.caller.userId === null;

/**
 * Caching of anonymous storefront reads. The subgraphs' `@cacheControl` hints reach the gateway as
 * each subgraph answer's `Cache-Control` header; the request's policy is the shortest of them
 * (0, not cacheable, as soon as one field has no hint, e.g. a private one). Then:
 * - anonymous queries are kept in the gateway's in-memory response cache for that long, and
 *   answered with `Cache-Control: max-age=N, public` so a CDN may keep them too (with APQ over GET:
 *   `GET /graphql?extensions={"persistedQuery":…}&variables=…` plus `apollo-require-preflight`);
 * - a request with a token is never read from nor written to the cache, and is answered
 *   `no-store`: what a caller sees may depend on who they are (a vendor's drafts, stock levels).
 * Mutations are never cached (the plugin caches queries only). Every answer says
 * `Vary: Authorization`: an anonymous GET and a signed-in GET of the same persisted query share a
 * URL, and without it a browser or CDN would hand the kept anonymous answer to the signed-in one.
 */
export function anonymousResponseCache(): ApolloServerPlugin<GatewayContext>[] {
  return [
    {
      async requestDidStart(requestContext) {
        // Before any subgraph answers: restricting only ever lowers, so this stays "no-store".
        if (!anonymous(requestContext)) requestContext.overallCachePolicy.restrict({ maxAge: 0 });
        return {
          async willSendResponse({ response }) {
            const vary = response.http.headers.get('vary');
            if (!vary?.toLowerCase().includes('authorization')) {
              response.http.headers.set('vary', vary ? `${vary}, Authorization` : 'Authorization');
            }
          },
        };
      },
    },
    responseCachePlugin<GatewayContext>({
      shouldReadFromCache: async (requestContext) => anonymous(requestContext),
      shouldWriteToCache: async (requestContext) => anonymous(requestContext),
    }),
  ];
}
