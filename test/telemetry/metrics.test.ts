import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { signUp, type SignedIn } from '../support/accounts';
import { testLogger } from '../support/event-streams';
import { ORDER, placeOrder, stockedProduct } from '../support/orders';
import { TEST_NATS_URL } from '../support/test-env';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';
import { scrape, valueOf, type Sample } from './prometheus-text';

describe('Prometheus metrics and the outbox readiness rule', () => {
  let t: TestSystem;
  let buyer: SignedIn;
  let bus: EventBus;
  const origin = (service: string) => new URL(t.system.urls[service]).origin;
  const gateway = () => new URL(t.system.gatewayUrl).origin;

  beforeAll(async () => {
    t = await startTestSystem();
    bus = await connectEventBus({
      url: TEST_NATS_URL,
      prefix: t.prefix,
      name: 'metrics-test',
      logger: testLogger(),
    });
    buyer = await signUp(t);
  }, 120_000);
  afterAll(async () => {
    await bus?.close();
    await t?.stop();
  });

  it('counts GraphQL requests per operation at the gateway and at the subgraph that ran them', async () => {
    const before = await scrape(gateway());
    const named = 'query MyOrderForMetrics($id: ID!) { order(id: $id) { id } }';
    await t.query(
      named,
      { id: '00000000-0000-4000-8000-000000000000' },
      { token: buyer.accessToken },
    );
    await t.query('{ __typename }');
    const after = await scrape(gateway());
    const count = (samples: Sample[], operation: string) =>
      valueOf(samples, 'bazaar_graphql_requests_total', { service: 'gateway', operation });
    expect(count(after, 'MyOrderForMetrics') - count(before, 'MyOrderForMetrics')).toBe(1);
    expect(count(after, 'anonymous') - count(before, 'anonymous')).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(after, 'bazaar_graphql_request_duration_seconds_count', {
        operation: 'MyOrderForMetrics',
      }),
    ).toBe(1);
    const fetches = valueOf(after, 'bazaar_gateway_subgraph_fetch_duration_seconds_count', {
      subgraph: 'orders',
    });
    expect(fetches).toBeGreaterThanOrEqual(1);
    const orders = await scrape(origin('orders'));
    expect(valueOf(orders, 'bazaar_graphql_requests_total', { service: 'orders' })).toBeGreaterThan(
      0,
    );
    expect(valueOf(orders, 'process_resident_memory_bytes', { service: 'orders' })).toBeGreaterThan(
      0,
    );
  });

  it('keeps a client from minting a series per request: odd operation names count as other', async () => {
    await t.query('query Evil_Name { __typename }', {}, {});
    await t.query(`query ${'x'.repeat(150)} { __typename }`);
    const samples = await scrape(gateway());
    expect(samples.some((sample) => sample.labels.operation?.startsWith('xxxx'))).toBe(false);
    expect(
      valueOf(samples, 'bazaar_graphql_requests_total', { operation: 'other' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reports consumer lag per durable, reservations by status and an empty outbox after a checkout', async () => {
    const vendor = await signUp(t, { role: 'VENDOR' });
    const { product } = await stockedProduct(t, vendor, 3);
    const order = await placeOrder(t, buyer, [{ productId: product.id, quantity: 1 }]);
    await waitFor(async () => {
      const answer = await t.query(ORDER, { id: order.id }, { token: buyer.accessToken });
      return answer.data?.order?.status === 'AWAITING_PAYMENT';
    }, 'the order to await payment');
    const inventory = await scrape(origin('inventory'));
    expect(valueOf(inventory, 'bazaar_inventory_reservations', { status: 'RESERVED' })).toBe(1);
    const durables = inventory
      .filter((sample) => sample.name === 'bazaar_consumer_pending_messages')
      .map((sample) => sample.labels.durable);
    expect(durables).toContain('inventory_order_placed');
    expect(
      valueOf(inventory, 'bazaar_consumer_pending_messages', { durable: 'inventory_order_placed' }),
    ).toBe(0);
    expect(valueOf(inventory, 'bazaar_outbox_oldest_unpublished_age_seconds')).toBeLessThan(60);
  });

  it('serves the mailer’s consumer lag on its health port', async () => {
    const mailer = await scrape(origin('mailer'));
    const durables = mailer
      .filter((sample) => sample.name === 'bazaar_consumer_pending_messages')
      .map((sample) => sample.labels.durable);
    expect(durables.length).toBeGreaterThan(0);
    expect(durables.every((durable) => durable.startsWith('mailer_'))).toBe(true);
  });

  it('counts an event parked on the dead-letter subject', async () => {
    const dead = async () =>
      valueOf(await scrape(origin('inventory')), 'bazaar_dead_letters_total', {
        consumer: 'inventory',
      });
    const before = await dead();
    await bus.js.publish(bus.subjects.event('order.placed'), 'not an event');
    await waitFor(async () => (await dead()) === before + 1, 'the dead letter to be counted');
  });

  it('turns /readyz 503 while an unpublished outbox row is older than OUTBOX_MAX_AGE_SECONDS, and ready again once it is gone', async () => {
    const readyz = () => fetch(`${origin('catalog')}/readyz`);
    expect((await readyz()).status).toBe(200);
    // An event the relay cannot publish (no stream takes its subject) blocks the relay the way a
    // broken NATS does: it stays unpublished, and its age is two hours.
    const [{ id }] = await t.sql(
      'catalog',
      `INSERT INTO outbox (id, type, envelope, created_at)
       VALUES (gen_random_uuid(), 'nowhere.stuck', '{}'::jsonb, now() - interval '2 hours')
       RETURNING id`,
    );
    const answer = await readyz();
    expect(answer.status).toBe(503);
    const body = (await answer.json()) as { checks: Record<string, string> };
    expect(body.checks.outbox).toMatch(/oldest 72\d\d s old \(limit 60 s\)/);
    expect(body.checks.postgres).toBe('ok');
    const samples = await scrape(origin('catalog'));
    expect(valueOf(samples, 'bazaar_outbox_backlog')).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'bazaar_outbox_oldest_unpublished_age_seconds')).toBeGreaterThan(7000);

    await t.sql('catalog', 'DELETE FROM outbox WHERE id = $1', [id]);
    expect((await readyz()).status).toBe(200);
  });
});
