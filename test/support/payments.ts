import { randomUUID } from 'node:crypto';
import type { EventCatalogue } from '../../lib/events/catalogue';
import { deliverWebhook, stripeEvent, type FakeStripe } from './fake-stripe';
import type { TestSystem } from './test-system';
import { waitFor } from './wait-for';

export type OrderStatusChanged = EventCatalogue['order.status_changed'];

/**
 * `order.status_changed` to AWAITING_PAYMENT as orders publishes it once stock is reserved:
 * two lines (12.50 x 2 and 5.00 x 1, USD), reservation ending in 15 minutes.
 */
export function awaitingPayment(
  customerId: string,
  overrides: Partial<OrderStatusChanged> = {},
): OrderStatusChanged {
  const vendorId = randomUUID();
  return {
    orderId: randomUUID(),
    customerId,
    vendorIds: [vendorId],
    total: { amount: 3000, currency: 'USD' },
    lines: [
      {
        productId: randomUUID(),
        productName: 'Blue mug',
        vendorId,
        quantity: 2,
        unitPrice: { amount: 1250, currency: 'USD' },
      },
      {
        productId: randomUUID(),
        productName: 'Tea towel',
        vendorId,
        quantity: 1,
        unitPrice: { amount: 500, currency: 'USD' },
      },
    ],
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    from: 'PENDING',
    to: 'AWAITING_PAYMENT',
    reason: null,
    at: new Date().toISOString(),
    ...overrides,
  };
}

/** `order.status_changed` of an order that orders expired (its reservation ran out unpaid). */
export function expiredOrder(customerId: string, orderId: string): OrderStatusChanged {
  return awaitingPayment(customerId, {
    orderId,
    from: 'AWAITING_PAYMENT',
    to: 'EXPIRED',
    reason: 'RESERVATION_EXPIRED',
  });
}

export interface PaymentRow {
  id: string;
  order_id: string;
  customer_id: string;
  status: string;
  amount: number;
  currency: string;
  checkout_session_id: string;
  checkout_url: string | null;
  /** The SHA-256 of the token that opens a dev checkout page; null for Stripe. */
  checkout_token_hash: string | null;
  payment_intent_id: string | null;
}

/** The payments database's row of `orderId`, or undefined. */
export async function paymentOf(t: TestSystem, orderId: string): Promise<PaymentRow | undefined> {
  const rows = await t.sql<PaymentRow>('payments', 'SELECT * FROM payments WHERE order_id = $1', [
    orderId,
  ]);
  return rows[0];
}

/** Publishes AWAITING_PAYMENT for a new order and waits for payments to open its checkout. */
export async function openCheckout(
  t: TestSystem,
  customerId: string,
  overrides: Partial<OrderStatusChanged> = {},
): Promise<PaymentRow> {
  const order = awaitingPayment(customerId, overrides);
  await t.publish('order.status_changed', order);
  let row: PaymentRow | undefined;
  await waitFor(async () => (row = await paymentOf(t, order.orderId)) !== undefined, 'checkout');
  return row!;
}

/** Waits until the payment of `orderId` has `status`. */
export async function waitForPaymentStatus(
  t: TestSystem,
  orderId: string,
  status: string,
): Promise<PaymentRow> {
  let row: PaymentRow | undefined;
  await waitFor(
    async () => (row = await paymentOf(t, orderId))?.status === status,
    `payment ${status}`,
  );
  return row!;
}

/** The payments outbox's events of `type` about `orderId`, as their `data`. */
export async function paymentEvents<Data = Record<string, unknown>>(
  t: TestSystem,
  type: string,
  orderId: string,
): Promise<Data[]> {
  const rows = await t.sql<{ data: Data }>(
    'payments',
    `SELECT envelope->'data' AS data FROM outbox
     WHERE type = $1 AND envelope->'data'->>'orderId' = $2 ORDER BY seq`,
    [type, orderId],
  );
  return rows.map((row) => row.data);
}

/**
 * `Payment.checkoutUrl` as the payment's customer reads it through the gateway: for the dev
 * provider the page's URL with its token, which the payment row does not hold.
 */
export async function customerCheckoutUrl(
  t: TestSystem,
  customer: { accessToken: string },
  paymentId: string,
): Promise<string> {
  type Node = { id: string; checkoutUrl: string | null };
  const answer = await t.query<{ payments: { edges: Array<{ node: Node }> } }>(
    '{ payments(first: 100) { edges { node { id checkoutUrl } } } }',
    {},
    { token: customer.accessToken },
  );
  const url = answer.data?.payments.edges.find((edge) => edge.node.id === paymentId)?.node
    .checkoutUrl;
  if (!url) throw new Error(`no checkout URL for payment ${paymentId}: ${JSON.stringify(answer)}`);
  return url;
}

/** The dev checkout URL (made for `PUBLIC_URL`) at this test system's gateway. */
export function atGateway(t: TestSystem, checkoutUrl: string): string {
  const url = new URL(checkoutUrl);
  return `${new URL(t.system.gatewayUrl).origin}${url.pathname}${url.search}`;
}

/** Submits the form a dev checkout page's Pay or Fail button posts, as a browser would. */
export async function pressDevCheckoutButton(
  t: TestSystem,
  checkoutUrl: string,
  button: 'pay' | 'fail',
): Promise<Response> {
  const pageUrl = atGateway(t, checkoutUrl);
  const page = await (await fetch(pageUrl)).text();
  const form = page.match(new RegExp(`<form[^>]*action="([^"]*/${button})"[^>]*>(.*?)</form>`));
  if (!form) throw new Error(`no ${button} button on ${pageUrl}: ${page}`);
  const fields = new URLSearchParams();
  for (const [, name, value] of form[2].matchAll(
    /<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"/g,
  )) {
    fields.append(name, value);
  }
  return fetch(new URL(form[1], pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
}

/**
 * Pays the order's open checkout at the fake Stripe and delivers the signed
 * `checkout.session.completed` to the gateway, as Stripe would. Resolves with the webhook's answer.
 */
export async function payThroughStripe(
  t: TestSystem,
  stripe: FakeStripe,
  orderId: string,
): Promise<Response> {
  const payment = await waitForPaymentStatus(t, orderId, 'OPEN');
  const session = stripe.pay(payment.checkout_session_id);
  return deliverWebhook(t.system.gatewayUrl, stripeEvent('checkout.session.completed', session));
}
