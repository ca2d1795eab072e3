import type { NatsConnection } from '@nats-io/transport-node';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { OrderAudiences } from './order-audiences';

/** The client's own count of its subscriptions (not in its public types; read defensively). */
function natsSubscriptionCount(nc: NatsConnection): number {
  const internals = nc as unknown as { protocol?: { subscriptions?: { size?(): number } } };
  return internals.protocol?.subscriptions?.size?.() ?? Number.NaN;
}

/**
 * The live subscriptions' series:
 * - `bazaar_gateway_live_subscriptions`: `orderStatusChanged` subscriptions open now;
 * - `bazaar_gateway_live_audiences`: distinct (order, caller, selection) groups among them;
 * - `bazaar_gateway_nats_subscriptions`: subscriptions on the gateway's NATS connection (one,
 *   however many clients; anything more is a leak);
 * - `bazaar_gateway_order_change_queries_total`: federated queries run to answer a change (one
 *   per change and audience, however many subscribers share it).
 * Returns the function that counts one change query.
 */
export function registerSubscriptionMetrics(
  registry: Registry,
  audiences: () => OrderAudiences,
  nc: NatsConnection,
): () => void {
  new Gauge({
    name: 'bazaar_gateway_live_subscriptions',
    help: 'orderStatusChanged subscriptions open on this gateway',
    registers: [registry],
    collect() {
      this.set(audiences().open);
    },
  });
  new Gauge({
    name: 'bazaar_gateway_live_audiences',
    help: 'Distinct (order, caller, selection) groups of open subscriptions; one query per change each',
    registers: [registry],
    collect() {
      this.set(audiences().audienceCount);
    },
  });
  new Gauge({
    name: 'bazaar_gateway_nats_subscriptions',
    help: "Subscriptions on the gateway's NATS connection",
    registers: [registry],
    collect() {
      this.set(natsSubscriptionCount(nc));
    },
  });
  const changeQueries = new Counter({
    name: 'bazaar_gateway_order_change_queries_total',
    help: 'Federated queries run to answer order status changes to live subscribers',
    registers: [registry],
  });
  return () => changeQueries.inc();
}
