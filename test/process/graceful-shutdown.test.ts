import { Client } from 'pg';
import { signUp, type SignedIn } from '../support/accounts';
import { FakeStripe } from '../support/fake-stripe';
import type { GraphQLResult } from '../support/graphql-client';
import { PLACE_ORDER, placeOrder, stockedProduct } from '../support/orders';
import { startProductionProcesses, type ProcessSystem } from '../support/service-processes';
import { followOrder, subscriptionClient } from '../support/subscriptions';
import { TEST_DATABASE_URL } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { sessionsWaitingOnLocks } from '../support/databases';

const SUBGRAPHS_AND_WORKERS = ['users', 'catalog', 'inventory', 'orders', 'payments', 'mailer'];
const WITH_OUTBOX = ['users', 'catalog', 'inventory', 'orders', 'payments'];

function databaseOf(t: ProcessSystem, service: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${t.prefix}_${service}`;
  return url.toString();
}

/** A transaction holding `LOCK TABLE orders IN SHARE MODE`: placing an order waits behind it. */
async function holdOrdersTable(t: ProcessSystem) {
  const client = new Client({ connectionString: databaseOf(t, 'orders') });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE orders IN SHARE MODE');
  return {
    waiting: () => sessionsWaitingOnLocks(client),
    release: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(new URL('/healthz', url));
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

describe('SIGTERM to every process under load (production settings, one process per service)', () => {
  const stripe = new FakeStripe();
  let t: ProcessSystem;
  let buyer: SignedIn;
  let items: Array<{ productId: string; quantity: number }>;
  beforeAll(async () => {
    await stripe.start();
    t = await startProductionProcesses(stripe.env());
    buyer = await signUp(t);
    const { product } = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 500);
    items = [{ productId: product.id, quantity: 1 }];
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await stripe.stop();
  });

  it('finishes the requests in flight, closes subscriptions with 1001, drains every outbox, exits 0 in seconds, and loses no acknowledged order', async () => {
    // Events flowing: these orders are still moving through the saga when SIGTERM lands.
    const flowing = await Promise.all(Array.from({ length: 8 }, () => placeOrder(t, buyer, items)));
    const closeCodes: number[] = [];
    const subscriber = subscriptionClient(t, buyer.accessToken, {
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    const followed = followOrder(subscriber, flowing[0].id);
    await waitFor(() => followed.received.length > 0, 'the subscription to answer');

    // Requests in flight: their INSERT waits in orders behind the lock this test holds.
    const lock = await holdOrdersTable(t);
    const inFlight: Array<Promise<GraphQLResult>> = Array.from({ length: 6 }, (_, i) =>
      t.query(
        PLACE_ORDER,
        { input: { items, idempotencyKey: `in-flight-${i}` } },
        { token: buyer.accessToken },
      ),
    );
    await waitFor(async () => (await lock.waiting()) >= 6, 'six orders waiting in orders');

    const signalledAt = Date.now();
    const exits = [...t.processes.values()].map(async (service) => {
      const exit = await service.stop('SIGTERM');
      return { name: service.name, code: exit.code, ms: Date.now() - signalledAt };
    });
    // Stopped taking requests, while the ones it has are still being answered.
    const gatewayUrl = t.system.gatewayUrl;
    await waitFor(() => refusesConnections(gatewayUrl), 'the gateway to stop listening');
    await waitFor(() => closeCodes.length > 0, 'the subscriber to be told');
    expect(closeCodes).toEqual([1001]);
    expect(t.processes.get('orders')!.child.exitCode).toBeNull();
    await lock.release();

    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.placeOrder.status).toBe('PENDING');
    }
    const stopped = await Promise.all(exits);
    for (const exit of stopped) {
      expect({ name: exit.name, code: exit.code, inTime: exit.ms < 10_000 }).toEqual({
        name: exit.name,
        code: 0,
        inTime: true,
      });
    }
    // Every committed event left with its process: the relays drained before NATS closed.
    for (const service of WITH_OUTBOX) {
      const [{ unpublished }] = await t.sql(
        service,
        'SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL',
      );
      expect([service, unpublished]).toEqual([service, 0]);
    }

    for (const name of SUBGRAPHS_AND_WORKERS) await t.system.restart(name);
    await t.system.restart('gateway');
    const acknowledged = [
      ...flowing.map((order: { id: string }) => order.id),
      ...answers.map((answer) => answer.data!.placeOrder.id as string),
    ];
    // Each acknowledged order exists, was reserved (inventory -> orders) and got a payment.
    await waitFor(
      async () => {
        const rows = await t.sql(
          'orders',
          `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'AWAITING_PAYMENT'`,
          [acknowledged],
        );
        return rows[0].n === acknowledged.length;
      },
      'every acknowledged order to await payment',
      60_000,
    );
    await waitFor(
      async () => {
        const rows = await t.sql(
          'payments',
          'SELECT count(DISTINCT order_id)::int AS n FROM payments WHERE order_id = ANY($1::uuid[])',
          [acknowledged],
        );
        return rows[0].n === acknowledged.length;
      },
      'a payment for every acknowledged order',
      60_000,
    );
    await subscriber.dispose();
  }, 180_000);
});
