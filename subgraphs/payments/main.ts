// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import Stripe from 'stripe';
import type { Env } from '../../lib/config/parse-env';
import { startSubgraphServer } from '../../lib/graphql/subgraph-server';
import type { Logger } from '../../lib/logger';
import { runService, type RunningService } from '../../lib/process/run-service';
import { openServiceRuntime, subgraphServerSettings } from '../../lib/process/service-runtime';
import { countingWebhookOutcomes } from './webhook-metrics';
import { paymentsConfigFromEnv, type PaymentsConfig } from './config';
import { createPaymentsContext } from './context';
import { paymentsDatabase } from './database';
import { CONSUMER, startPaymentsConsumers } from './events/consumers';
import { addDevCheckoutPage } from './http/dev-checkout-page';
import { addStripeWebhookRoute } from './http/webhook-route';
import { paymentsPermissions } from './permissions';
import { DevCheckoutTokens } from './providers/dev-checkout-tokens';
import { DevProvider } from './providers/dev-provider';
import type { PaymentProvider } from './providers/payment-provider';
import { createStripeClient, StripeProvider } from './providers/stripe-provider';
import { paymentsResolvers } from './resolvers';
import { createPaymentsServices } from './services/payments-services';

/**
 * Starts the payments subgraph: database, NATS, outbox relay, saga consumers, the Stripe webhook
 * route (and without a Stripe key the dev checkout page), GraphQL.
 */
export async function start(config: PaymentsConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, paymentsDatabase);
  const { dataSource, logger, relay } = runtime;
  const { stripe, provider } = providerFor(config, logger);
  const services = createPaymentsServices({
    dataSource,
    provider,
    publisher: relay,
    config,
    logger,
  });
  const consumers = await startPaymentsConsumers(runtime.consumer(CONSUMER), services.checkout);
  const server = await startSubgraphServer({
    name: 'payments',
    resolvers: paymentsResolvers,
    permissions: paymentsPermissions,
    ...subgraphServerSettings(config),
    logger,
    readiness: runtime.readiness,
    metrics: runtime.metrics,
    createContext: (base) => createPaymentsContext(base, services),
    routes: (app) => {
      const options = { stripe, webhookSecret: config.webhookSecret, logger };
      addStripeWebhookRoute(app, {
        ...options,
        webhooks: countingWebhookOutcomes(services.webhooks, runtime.metrics),
      });
      if (!config.stripe) {
        addDevCheckoutPage(app, {
          ...options,
          payments: services.queries,
          publicUrl: config.publicUrl,
        });
      }
    },
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await runtime.close();
    },
  };
}

/** Stripe with a secret key; otherwise the dev provider (Stripe's client still checks signatures). */
function providerFor(
  config: PaymentsConfig,
  logger: Logger,
): { stripe: Stripe; provider: PaymentProvider } {
  if (!config.stripe) {
    return {
      stripe: new Stripe('sk_dev_signatures_only'),
      provider: new DevProvider(config.publicUrl, DevCheckoutTokens.fromDataDir(config.dataDir)),
    };
  }
  const stripe = createStripeClient(config.stripe.secretKey, config.stripe.apiUrl);
  return { stripe, provider: new StripeProvider(stripe, logger) };
}

/** Entry point for running the payments subgraph as its own process. */
export const startFromEnv = (env: Env) => start(paymentsConfigFromEnv(env));

if (require.main === module) runService('payments', startFromEnv);
