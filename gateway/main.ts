// First: tracing must hook http and express before anything loads them.
import '../lib/telemetry/register';
// Before the gateway loads: its hot paths read this package's exports (see the module).
import './federation-internals-exports';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import type { GraphQLSchema } from 'graphql';
import express from 'express';
import { createAccessTokenVerifier } from '../lib/auth/access-token';
import { devConveniencesAllowed } from '../lib/config/node-env';
import type { Env } from '../lib/config/parse-env';
import { maskUnexpectedErrors } from '../lib/errors';
import { errorLoggingPlugin } from '../lib/graphql/error-logging-plugin';
import { safeStringArgumentsPlugin } from '../lib/graphql/safe-string-arguments';
import { addHealthRoutes } from '../lib/http/health';
import { jsonErrorHandler } from '../lib/http/json-error-handler';
import { listen } from '../lib/http/listen';
import { connectNats } from '../lib/events/event-bus';
import { Subjects } from '../lib/events/subjects';
import { createLogger } from '../lib/logger';
import { runService, type RunningService } from '../lib/process/run-service';
import { graphqlMetricsPlugin } from '../lib/telemetry/graphql-metrics-plugin';
import { createServiceMetrics, metricsHandler } from '../lib/telemetry/service-metrics';
import { subgraphFetchHistogram } from '../lib/telemetry/subgraph-fetch-metrics';
import { httpDrainSettings, stopStep } from '../lib/process/shutdown';
import { contextFromRequest, type GatewayContext } from './caller-from-request';
import { gatewayConfigFromEnv, type GatewayConfig } from './config';
import { accountPagesRouter } from './account-pages';
import { devMailboxRouter } from './dev-mailbox-page';
import { anonymousResponseCache } from './response-cache';
import { SubgraphDataSource } from './subgraph-data-source';
import { subgraphFetcher } from './subgraph-fetcher';
import { subgraphReadiness } from './subgraph-readiness';
import { startSubscriptionServer } from './subscriptions/subscription-server';
import { webhookForwardingRouter } from './webhook-forwarding';
import { webAppRouter } from './web-app';

/** Starts the gateway: the supergraph on `/graphql`, health, and the dev pages. */
export async function start(config: GatewayConfig): Promise<RunningService> {
  const logger = createLogger('gateway', config.logLevel);
  const verify = await createAccessTokenVerifier(config.publicKeyPem);
  const metrics = createServiceMetrics('gateway');
  const fetchHistogram = subgraphFetchHistogram(metrics);
  const fetcher = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        config.subgraphUrls[name] ?? url ?? '',
        config.subgraphSecret,
        {
          histogram: fetchHistogram,
          subgraph: name,
        },
        fetcher,
      ),
  });
  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded }) => {
    apiSchema = loaded;
  });
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const http = await listen(app, config.host, config.port);
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth },
    maxAliases: { n: config.limits.maxAliases },
    costLimit: { maxCost: config.limits.maxCost },
    // Counted by graphql-js's own parser (parseOptions below): armor's version throws from a
    // plugin hook, which Apollo answers 500 for every syntax error, not just long documents.
    maxTokens: { enabled: false },
    // Field suggestions leak the schema where introspection is off.
    blockFieldSuggestion: { enabled: !config.introspection },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Outside NODE_ENV=test Apollo would stop itself on SIGINT/SIGTERM too, racing the process's
    // one shutdown path (runService or the launcher), whose second stop() then never returns.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    formatError: maskUnexpectedErrors,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: config.limits.maxTokens },
    plugins: [
      ...armor.plugins,
      errorLoggingPlugin(logger),
      safeStringArgumentsPlugin(400),
      graphqlMetricsPlugin<GatewayContext>(metrics),
      ...anonymousResponseCache(),
      // Requests in flight get their share of the shutdown budget, not Apollo's fixed 10 s.
      ApolloServerPluginDrainHttpServer(httpDrainSettings(http.server)),
      config.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  const nc = await connectNats(config.nats.url, 'gateway');
  const subscriptions = await startSubscriptionServer({
    httpServer: http.server,
    apollo,
    schema: () => apiSchema!,
    verify,
    nc,
    subjects: new Subjects(config.nats.prefix),
    logger,
    limits: config.subscriptionLimits,
    metrics,
  });

  addHealthRoutes(app, subgraphReadiness(config.subgraphUrls));
  if (config.metrics === 'main') app.get('/metrics', metricsHandler(metrics));
  const metricsServer =
    typeof config.metrics === 'object'
      ? await listen(
          express().get('/metrics', metricsHandler(metrics)),
          config.host,
          config.metrics.port,
        )
      : null;
  const webApp = config.webApp ? webAppRouter(config.webApp) : null;
  // The app's own pages open the emailed links when it is built; the plain forms otherwise.
  if (!webApp?.built) app.use(accountPagesRouter());
  if (config.devMailboxDir) app.use(devMailboxRouter(config.devMailboxDir));
  app.use(
    webhookForwardingRouter(config.subgraphUrls.payments, {
      devCheckout: devConveniencesAllowed(config.nodeEnv),
      logger,
    }),
  );
  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins === '*' ? true : config.corsOrigins }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: ({ req }) => contextFromRequest(req, verify) }),
  );
  // Last: the app's fallback answers only pages nothing above claimed.
  if (webApp) app.use(webApp.router);
  app.use(jsonErrorHandler(logger));
  const url = `${http.url}/graphql`;
  logger.info({ url }, 'gateway listening');
  return {
    url,
    // Subscribers first (close code 1001, going away), then the HTTP requests in flight finish
    // (Apollo's drain plugin closes the listener and waits), then NATS.
    stop: async () => {
      await stopStep('gateway: subscriptions', () => subscriptions.stop());
      await stopStep(
        () => `gateway: HTTP requests (${http.inFlight()} in flight)`,
        async () => {
          await apollo.stop();
          await http.close();
        },
      );
      await metricsServer?.close();
      await stopStep('gateway: NATS connection', () => nc.drain());
      metrics.stop();
    },
  };
}

export const startFromEnv = (env: Env) => start(gatewayConfigFromEnv(env));

if (require.main === module) runService('gateway', startFromEnv);
