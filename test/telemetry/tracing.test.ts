import { signUp, type SignedIn } from '../support/accounts';
import { deliverWebhook, FakeStripe, stripeEvent } from '../support/fake-stripe';
import { orderReaches, stockedProduct } from '../support/orders';
import { waitForPaymentStatus } from '../support/payments';
import { startProductionProcesses, type ProcessSystem } from '../support/service-processes';
import { waitFor } from '../support/wait-for';
import { OtlpReceiver, SpanKind, type ReceivedSpan } from './otlp-receiver';
import { freePort } from '../support/free-port';

const PLACE_ORDER = `mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id }
}`;

describe('one trace per checkout, across the gateway, the subgraphs, SQL and NATS', () => {
  const stripe = new FakeStripe();
  const receiver = new OtlpReceiver();
  let t: ProcessSystem;
  let buyer: SignedIn;
  let orderId: string;
  let traceId: string;
  let metricsPort: number;

  const spansOf = (service: string, predicate: (span: ReceivedSpan) => boolean = () => true) =>
    receiver.trace(traceId).filter((span) => span.service === service && predicate(span));
  const consumerSpan = (service: string, event: string) =>
    receiver.spans.find(
      (span) =>
        span.service === service &&
        span.kind === SpanKind.consumer &&
        span.name.endsWith(`.${event} process`),
    );

  beforeAll(async () => {
    await Promise.all([stripe.start(), receiver.start()]);
    metricsPort = await freePort();
    t = await startProductionProcesses({
      ...stripe.env(),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      METRICS_PORT: String(metricsPort),
    });
    buyer = await signUp(t);
    const vendor = await signUp(t, { role: 'VENDOR' });
    const { product } = await stockedProduct(t, vendor, 5);
    const placed = await t.query<{ placeOrder: { id: string } }>(
      PLACE_ORDER,
      { input: { items: [{ productId: product.id, quantity: 1 }], idempotencyKey: 'trace-1' } },
      { token: buyer.accessToken },
    );
    orderId = placed.data!.placeOrder.id;
    const payment = await waitForPaymentStatus(t, orderId, 'OPEN');
    const paid = stripeEvent('checkout.session.completed', stripe.pay(payment.checkout_session_id));
    expect((await deliverWebhook(t.system.gatewayUrl, paid)).status).toBe(200);
    await orderReaches(t, orderId, 'PAID');
    await waitFor(
      () => {
        const placeOrder = receiver.spans.find(
          (span) => span.attributes['graphql.operation.name'] === 'PlaceOrder',
        );
        traceId = placeOrder?.traceId ?? '';
        return Boolean(placeOrder && consumerSpan('orders', 'payment.succeeded'));
      },
      'the spans of the checkout to be exported',
      30_000,
    );
  }, 240_000);
  afterAll(async () => {
    await t?.stop();
    await Promise.all([stripe.stop(), receiver.stop()]);
  });

  it('follows placeOrder from the gateway through its query plan to the orders subgraph and its SQL', () => {
    expect(spansOf('gateway', (span) => span.name === 'gateway.plan')).not.toEqual([]);
    expect(spansOf('gateway', (span) => span.name === 'gateway.fetch')).not.toEqual([]);
    const ordersServer = spansOf('orders', (span) => span.kind === SpanKind.server);
    expect(ordersServer).not.toEqual([]);
    expect(receiver.parentOf(ordersServer[0])).toMatchObject({
      service: 'gateway',
      kind: SpanKind.client,
    });
    const sql = spansOf(
      'orders',
      (span) =>
        span.attributes['db.system'] === 'postgresql' ||
        span.attributes['db.system.name'] === 'postgresql',
    );
    expect(sql.length).toBeGreaterThan(0);
  });

  it('continues the trace across NATS: inventory reserves and payments opens the session as children of the producing spans', () => {
    const reserve = consumerSpan('inventory', 'order.placed');
    expect(reserve?.traceId).toBe(traceId);
    expect(receiver.parentOf(reserve!)).toMatchObject({
      service: 'orders',
      kind: SpanKind.producer,
    });
    const sessionOpening = spansOf('payments', (span) => span.kind === SpanKind.consumer);
    expect(sessionOpening).not.toEqual([]);
    for (const span of sessionOpening) {
      expect(receiver.parentOf(span)?.kind).toBe(SpanKind.producer);
    }
    // Payments asked (fake) Stripe for the checkout session inside the same trace.
    expect(spansOf('payments', (span) => span.kind === SpanKind.client)).not.toEqual([]);
    expect(
      spansOf(
        'inventory',
        (span) =>
          span.attributes['db.system'] === 'postgresql' ||
          span.attributes['db.system.name'] === 'postgresql',
      ),
    ).not.toEqual([]);
  });

  it('continues the checkout’s trace through the Stripe webhook to PAID: one tree from placeOrder', () => {
    const paid = consumerSpan('orders', 'payment.succeeded')!;
    expect(paid.traceId).toBe(traceId);
    const producer = receiver.parentOf(paid);
    expect(producer).toMatchObject({ service: 'payments', kind: SpanKind.producer });
    // The webhook's handling resumes the trace Stripe brought back in the session's metadata.
    const handling = spansOf(
      'payments',
      (span) => span.name === 'stripe checkout.session.completed',
    );
    expect(handling).toHaveLength(1);
    expect(receiver.parentOf(handling[0])).toMatchObject({ service: 'payments' });
  });

  it('stores the W3C trace context of the producing request with the outbox row', async () => {
    const rows = await t.sql('orders', `SELECT envelope FROM outbox WHERE type = 'order.placed'`);
    expect(rows[0].envelope.traceContext.traceparent).toMatch(
      /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/,
    );
    expect(rows[0].envelope.traceContext.traceparent).toContain(traceId);
  });

  it('keeps one-time tokens out of traces: a request’s span has its path, not its query', async () => {
    const token = 'one-time-token-that-must-not-be-traced';
    await fetch(`${new URL(t.system.gatewayUrl).origin}/verify-email?token=${token}`);
    await waitFor(
      () => receiver.spans.some((span) => span.attributes['http.target'] === '/verify-email'),
      'the span of /verify-email',
      30_000,
    );
    expect(JSON.stringify(receiver.spans)).not.toContain(token);
  });

  it('serves the gateway’s /metrics on METRICS_PORT only, never on its public port', async () => {
    const publicPort = await fetch(`${new URL(t.system.gatewayUrl).origin}/metrics`);
    expect(publicPort.status).toBe(404);
    const privatePort = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(privatePort.status).toBe(200);
    expect(await privatePort.text()).toMatch(
      /bazaar_graphql_requests_total\{operation="PlaceOrder",outcome="ok",service="gateway"\} 1/,
    );
  });
});
