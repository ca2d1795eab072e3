import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express, { type Express } from 'express';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
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
import { stopStep } from '../process/shutdown';
import { errorLoggingPlugin } from './error-logging-plugin';
import { requestContextFrom, type RequestContext } from './request-context';
import { safeStringArgumentsPlugin } from './safe-string-arguments';
import { loadSchemaFile } from './schema-file';

export interface SubgraphServerOptions<Context extends RequestContext> {
  /** Subgraph name; its SDL is `schema/<name>.graphql`. */
  name: string;
  resolvers: GraphQLResolverMap<Context>;
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
  const schema = applyMiddleware(
    buildSubgraphSchema({
      typeDefs: loadSchemaFile(options.name),
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    shield(mergeRules(federationRules, options.permissions), {
      fallbackRule: deny,
      allowExternalErrors: true,
      fallbackError: () => new ForbiddenError(),
    }),
  );
  const app = express();
  addHealthRoutes(app, options.readiness);
  app.get('/metrics', metricsHandler(options.metrics));
  options.routes?.(app);
  const http = await listen(app, options.host, options.port);
  const apollo = new ApolloServer<Context>({
    schema,
    // Outside NODE_ENV=test Apollo would stop itself on SIGINT/SIGTERM too, racing the process's
    // one shutdown path (runService or the launcher), whose second stop() then never returns.
    stopOnTerminationSignals: false,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpectedErrors,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http.server }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      errorLoggingPlugin(logger),
      safeStringArgumentsPlugin(200),
      graphqlMetricsPlugin<Context>(options.metrics),
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    (req, res, next) => {
      if (secretMatches(options.secret, req.header(SECRET_HEADER))) return next();
      res.status(401).json({
        errors: [
          { message: 'Subgraphs answer the gateway only', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
    },
    (_req, _res, next) => countingStatements(next),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => options.createContext(requestContextFrom(req, logger)),
    }),
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
