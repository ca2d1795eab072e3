import type { SignedIn } from './accounts';
import type { FakeStripe } from './fake-stripe';
import { orderReaches, placeOrder } from './orders';
import { payThroughStripe } from './payments';
import type { TestSystem } from './test-system';
import { waitFor } from './wait-for';

export const REFUND_FIELDS = `id status total { amount currency }
  items { id productName quantity refundedQuantity refundedAmount { amount currency } vendor { id } }
  refunds { id status amount { amount currency } reason restock failureReason requestedAt settledAt
            lines { item { id } quantity amount { amount currency } } }`;

export const REFUND_LINES = `mutation($orderId: ID!, $lines: [RefundLineInput!]!, $reason: String!, $restock: Boolean!) {
  refundOrderLines(orderId: $orderId, lines: $lines, reason: $reason, restock: $restock) {
    ${REFUND_FIELDS}
  }
}`;

/** Sends `refundOrderLines` as `who`; the raw answer, refusals included. */
export function requestRefund(
  t: TestSystem,
  who: SignedIn,
  orderId: string,
  lines: Array<{ itemId: string; quantity: number }>,
  options: { reason?: string; restock?: boolean } = {},
) {
  return t.query(
    REFUND_LINES,
    {
      orderId,
      lines,
      reason: options.reason ?? 'Arrived damaged',
      restock: options.restock ?? true,
    },
    { token: who.accessToken },
  );
}

/** Places an order and pays it at the fake Stripe; resolves once orders and inventory agree. */
export async function paidOrder(
  t: TestSystem,
  stripe: FakeStripe,
  buyer: SignedIn,
  items: Array<{ productId: string; quantity: number }>,
) {
  const order = await placeOrder(t, buyer, items);
  await orderReaches(t, order.id, 'AWAITING_PAYMENT');
  await payThroughStripe(t, stripe, order.id);
  await orderReaches(t, order.id, 'PAID');
  await waitFor(
    async () =>
      (
        await t.sql('inventory', 'SELECT status FROM reservations WHERE order_id = $1', [order.id])
      )[0]?.status === 'SOLD',
    `the sale of order ${order.id}`,
  );
  return order as { id: string; items: Array<{ id: string; product: { id: string } }> };
}

/** Everything a refund request can touch, for asserting that a refusal touched nothing. */
export async function refundFingerprint(t: TestSystem, stripe: FakeStripe) {
  const [orders] = await t.sql(
    'orders',
    `SELECT (SELECT count(*)::int FROM order_refunds) AS refunds,
            (SELECT count(*)::int FROM order_refund_lines) AS "refundLines",
            (SELECT coalesce(sum(refunded_quantity), 0)::int FROM order_items) AS refunded,
            (SELECT count(*)::int FROM order_status_changes) AS history,
            (SELECT count(*)::int FROM outbox) AS outbox`,
  );
  const [payments] = await t.sql(
    'payments',
    'SELECT (SELECT count(*)::int FROM refunds) AS refunds, (SELECT count(*)::int FROM outbox) AS outbox',
  );
  const [inventory] = await t.sql(
    'inventory',
    "SELECT count(*)::int AS restocks FROM stock_movements WHERE kind = 'RESTOCK'",
  );
  return {
    orders,
    payments,
    inventory,
    stripeRefunds: stripe.requestsTo('POST', '/v1/refunds').length,
    emails: t.smtp.received.length,
  };
}
