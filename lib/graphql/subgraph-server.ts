import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { IncomingMessage, RequestListener } from 'node:http';
import express, { type Express } from 'express';
import { applyMiddleware, middleware } from 'graphql-middleware';
import type { IMiddleware } from 'graphql-middleware';
import { allow, deny, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { visit, type DocumentNode, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { SECRET_HEADER, secretMatches } from '../auth/caller';
import { ForbiddenError, maskUnexpectedErrors } from '../errors';
import { countingStatements } from '../db/request-statements';
import { addHealthRoutes, type ReadinessCheck } from '../http/health';
import { jsonErrorHandler } from '../http/json-error-handler';
import { listen } from '../http/listen';
import type { Logger } from '../logger';
import { graphqlMetricsPlugin } from '../telemetry/graphql-metrics-plugin';
import { metricsHandler } from '../telemetry/service-metrics';
import type { Registry } from 'prom-client';
import { httpDrainSettings, stopStep } from '../process/shutdown';
import { errorLoggingPlugin } from './error-logging-plugin';
import { requestContextFrom, type RequestContext } from './request-context';
import { safeStringArgumentsPlugin } from './safe-string-arguments';
import {
  BODY_LIMIT_BYTES,
  directGraphQLHandler,
  errorBody,
  isPlainGraphQLPost,
} from './subgraph-http';
import { loadSchemaFile } from './schema-file';

/** One resolver: a field's `(parent, args, context, info)`, `__resolveReference`, `{ resolve }`. */
type Resolver =
  | ((...args: never[]) => unknown)
  | { resolve: (...args: never[]) => unknown }
  | { subscribe: (...args: never[]) => unknown };

/**
 * A subgraph's resolver map as its generated `Resolvers` types it (codegen.ts, each
 * `resolvers/index.ts`), which checks every resolver against the SDL and the subgraph's context.
 * Apollo's `GraphQLResolverMap` cannot express `__resolveReference(reference, context)`, so the
 * map is taken by its shape here and handed to `buildSubgraphSchema` as Apollo's in one place.
 */
export type SubgraphResolvers = {
  [typeName: string]: GraphQLScalarType | { [field: string]: Resolver | undefined } | undefined;
};

export interface SubgraphServerOptions<Context extends RequestContext> {
  /** Subgraph name; its SDL is `schema/<name>.graphql`. */
  name: string;
  resolvers: SubgraphResolvers;
  /** graphql-shield rules; anything not listed is denied. */
  permissions: IRules;
  /** Requests without this value in `x-subgraph-secret` get 401. */
  secret: string;
  host: string;
  port: number;
  /** `false` in production: only the gateway needs the schema, and it has the supergraph. */
  introspection: boolean;
  logger: Logger;
  readiness: ReadinessCheck[];
  /**
   * Prometheus registry served at `/metrics` (subgraphs sit behind the gateway, on the internal
   * network), with this server's request metrics added.
   */
  metrics: Registry;
  /** Adds per-request state (DataLoaders, services) to the common request context. */
  createContext(base: RequestContext): Context;
  /** Extra routes mounted before `/graphql`. */
  routes?(app: Express): void;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Rules every subgraph needs so the gateway can plan and fetch entities under `fallbackRule: deny`. */
const federationRules: IRules = {
  Query: { _service: allow, _entities: allow },
  _Service: allow,
};

/** Serves one subgraph: SDL from `schema/`, shield on every field, secret check, health routes. */
export async function startSubgraphServer<Context extends RequestContext>(
  options: SubgraphServerOptions<Context>,
): Promise<RunningServer> {
  const { logger } = options;
  const typeDefs = loadSchemaFile(options.name);
  const rules = mergeRules(federationRules, options.permissions);
  const guard = shield(rules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new ForbiddenError(),
  });
  const schema = applyMiddleware(
    buildSubgraphSchema({ typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    // The shield's middleware makes a field async even where its rule is `allow`; those fields
    // (most of what a page reads) keep their plain resolver instead.
    middleware((built: GraphQLSchema) => withoutAllowedFields(guard.generate(built), rules)),
  );
  const app = express();
  // An ETag is a hash of every answer's body, and the gateway never asks conditionally.
  app.set('etag', false);
  addHealthRoutes(app, options.readiness);
  app.get('/metrics', metricsHandler(options.metrics));
  options.routes?.(app);
  // Set once Apollo has started; until then every request goes to Express (404 on /graphql).
  let direct: RequestListener | null = null;
  const http = await listen(
    (req, res) => (direct && isPlainGraphQLPost(req) ? direct(req, res) : app(req, res)),
    options.host,
    options.port,
  );
  const apollo = new ApolloServer<Context>({
    schema,
    // Outside NODE_ENV=test Apollo would stop itself on SIGINT/SIGTERM too, racing the process's
    // one shutdown path (runService or the launcher), whose second stop() then never returns.
    stopOnTerminationSignals: false,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // Every request that reaches Apollo carried the subgraph secret in a custom header, which no
    // browser sends cross-origin without a preflight: the CSRF check (a MIME parse of each
    // request's content type) could not refuse anything the secret check let through.
    csrfPrevention: false,
    formatError: maskUnexpectedErrors,
    plugins: [
      // Requests in flight get their share of the shutdown budget, not Apollo's fixed 10 s.
      ApolloServerPluginDrainHttpServer(httpDrainSettings(http.server)),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ...(hasCacheHints(typeDefs) ? [anonymousCacheControl<Context>()] : []),
      errorLoggingPlugin(logger),
      safeStringArgumentsPlugin(200),
      graphqlMetricsPlugin<Context>(options.metrics),
    ],
  });
  await apollo.start();
  const authorized = (req: IncomingMessage) =>
    secretMatches(options.secret, req.headers[SECRET_HEADER] as string | undefined);
  const context = async (req: IncomingMessage) =>
    options.createContext(requestContextFrom(req, logger));
  direct = directGraphQLHandler({
    apollo,
    authorized,
    context,
    around: countingStatements,
    logger,
  });
  app.use(
    '/graphql',
    (req, res, next) => {
      if (authorized(req)) return next();
      res.status(401).json(errorBody('UNAUTHENTICATED', 'Subgraphs answer the gateway only'));
    },
    (_req, _res, next) => countingStatements(next),
    express.json({ limit: BODY_LIMIT_BYTES }),
    expressMiddleware(apollo, { context: async ({ req }) => context(req) }),
  );
  app.use(jsonErrorHandler(logger));
  const url = `${http.url}/graphql`;
  logger.info({ url }, 'subgraph listening');
  return {
    url,
    // Apollo's drain plugin closes the listener and lets the requests in flight finish.
    stop: () =>
      stopStep(
        () => `${options.name}: HTTP requests (${http.inFlight()} in flight)`,
        async () => {
          await apollo.stop();
          await http.close();
        },
      ),
  };
}

function mergeRules(...maps: IRules[]): IRules {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, rule] of Object.entries(map)) {
      const existing = merged[type];
      merged[type] =
        existing && typeof existing === 'object' && typeof rule === 'object' && !isRule(rule)
          ? { ...existing, ...rule }
          : rule;
    }
  }
  return merged as IRules;
}

function isRule(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'resolve' in value;
}

/**
 * The shield's middleware map without the fields whose rule is `allow` (by field, by type or
 * `*`); every other field keeps its rule, and unlisted ones the `deny` fallback.
 */
export function withoutAllowedFields(map: IMiddleware, rules: IRules): IMiddleware {
  const lean: Record<string, Record<string, unknown>> = {};
  for (const [typeName, fields] of Object.entries(map as Record<string, Record<string, unknown>>)) {
    const typeRules = (rules as Record<string, unknown>)[typeName];
    const ruleOf = (field: string): unknown => {
      if (typeRules === undefined) return deny;
      if (isRule(typeRules)) return typeRules;
      const byField = typeRules as Record<string, unknown>;
      return byField[field] ?? byField['*'] ?? deny;
    };
    lean[typeName] = Object.fromEntries(
      Object.entries(fields).filter(([field]) => ruleOf(field) !== allow),
    );
  }
  return lean as IMiddleware;
}

/** Whether the SDL gives any `@cacheControl` hint; without one every response is uncacheable. */
function hasCacheHints(typeDefs: DocumentNode): boolean {
  let hinted = false;
  visit(typeDefs, {
    Directive(node) {
      if (node.name.value === 'cacheControl') hinted = true;
    },
  });
  return hinted;
}

/**
 * Cache hints travel from a subgraph to the gateway as the HTTP `Cache-Control` header of each
 * subgraph response (RemoteGraphQLDataSource restricts the request's policy by it; no header
 * counts as max-age 0), and Apollo Server's cache-control plugin computes that header by wrapping
 * every resolver. Only anonymous requests are cached by the gateway, so only they pay for it: a
 * signed-in caller's response gets no header, which the gateway reads as uncacheable.
 */
function anonymousCacheControl<Context extends RequestContext>(): ApolloServerPlugin<Context> {
  const hints = ApolloServerPluginCacheControl() as ApolloServerPlugin<Context>;
  return {
    serverWillStart: async (service) => {
      await hints.serverWillStart?.(service);
    },
    requestDidStart: async (request) =>
      request.contextValue.caller.userId ? undefined : hints.requestDidStart?.(request),
  };
}
