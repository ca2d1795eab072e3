import {
  conservationViolations,
  type LevelFacts,
  type OrderFacts,
  type ReservationFacts,
  type SagaFacts,
} from '../../subgraphs/orders/services/conservation';
import type { TestSystem } from './test-system';
import { waitFor } from './wait-for';

/**
 * What the conservation invariants look at for some products and orders, read from the rows of
 * inventory, orders and payments (each service's own database, as a reconciliation job would).
 */
export async function sagaFacts(
  t: TestSystem,
  productIds: string[],
  orderIds: string[],
): Promise<SagaFacts> {
  const levels = await t.sql<LevelFacts>(
    'inventory',
    `SELECT l.product_id AS "productId", l.warehouse_id AS "warehouseId", l.on_hand AS "onHand",
            l.reserved,
            coalesce((SELECT jsonb_object_agg(kind, total) FROM (
                        SELECT m.kind, sum(m.quantity)::int AS total FROM stock_movements m
                         WHERE m.product_id = l.product_id AND m.warehouse_id = l.warehouse_id
                         GROUP BY m.kind) k), '{}'::jsonb) AS ledger
       FROM stock_levels l WHERE l.product_id = ANY($1::uuid[])`,
    [productIds],
  );
  const reservations = await t.sql<ReservationFacts>(
    'inventory',
    `SELECT r.order_id AS "orderId", r.status,
            coalesce(jsonb_agg(jsonb_build_object(
              'productId', l.product_id, 'warehouseId', l.warehouse_id,
              'quantity', l.quantity, 'restocked', l.restocked))
              FILTER (WHERE l.order_id IS NOT NULL), '[]'::jsonb) AS lines
       FROM reservations r LEFT JOIN reservation_lines l ON l.order_id = r.order_id
      WHERE r.order_id = ANY($1::uuid[]) GROUP BY r.order_id, r.status`,
    [orderIds],
  );
  const orders = await t.sql<Omit<OrderFacts, 'captured' | 'refunded'>>(
    'orders',
    `SELECT o.id AS "orderId", o.status, o.total_amount::int AS total,
            jsonb_agg(jsonb_build_object('productId', i.product_id, 'quantity', i.quantity,
                                         'refunded', i.refunded_quantity,
                                         'restocked', i.restocked_quantity)) AS lines,
            sum(i.refunded_amount)::int AS "refundedByLines",
            (SELECT count(*)::int FROM order_refunds r
              WHERE r.order_id = o.id AND r.status = 'PENDING') AS "pendingRefunds"
       FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.id = ANY($1::uuid[]) GROUP BY o.id`,
    [orderIds],
  );
  const money = await t.sql<{ orderId: string; captured: number; refunded: number }>(
    'payments',
    `SELECT p.order_id AS "orderId",
            CASE WHEN p.payment_intent_id IS NULL THEN 0 ELSE p.amount END AS captured,
            (SELECT coalesce(sum(r.amount), 0)::int FROM refunds r
              WHERE r.payment_id = p.id AND r.status = 'SUCCEEDED') AS refunded
       FROM payments p WHERE p.order_id = ANY($1::uuid[])`,
    [orderIds],
  );
  const moneyOf = new Map(money.map((row) => [row.orderId, row]));
  return {
    levels,
    reservations,
    orders: orders.map((order) => ({
      ...order,
      captured: moneyOf.get(order.orderId)?.captured ?? 0,
      refunded: moneyOf.get(order.orderId)?.refunded ?? 0,
    })),
  };
}

/**
 * Waits until the saga is quiet for these orders and every conservation invariant holds; on a
 * timeout, fails naming each invariant still broken.
 */
export async function expectConserved(
  t: TestSystem,
  productIds: string[],
  orderIds: string[],
  settled: (facts: SagaFacts) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<SagaFacts> {
  let facts: SagaFacts | undefined;
  let violations: string[] = [];
  await waitFor(
    async () => {
      facts = await sagaFacts(t, productIds, orderIds);
      violations = conservationViolations(facts);
      return violations.length === 0 && settled(facts);
    },
    'conservation at quiescence',
    timeoutMs,
  ).catch(() => {
    throw new Error(`not conserved: ${violations.join('; ') || 'the saga never settled'}`);
  });
  return facts!;
}
