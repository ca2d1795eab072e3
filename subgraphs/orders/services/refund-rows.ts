import type { DataSource } from 'typeorm';
import type { Money } from '../../../lib/events/catalogue';
import type { OrderRefundStatus } from '../generated/resolvers-types';

/** A line refund request as resolvers see it. */
export interface OrderRefundView {
  id: string;
  orderId: string;
  status: OrderRefundStatus;
  amount: Money;
  reason: string;
  restock: boolean;
  failureReason: string | null;
  requestedAt: Date;
  settledAt: Date | null;
  lines: Array<{ itemId: string; vendorId: string; quantity: number; amount: Money }>;
}

/** A refund's line with its order, so `OrderRefundLine.item` can find the order's line. */
export type RefundLineView = OrderRefundView['lines'][number] & { orderId: string };

type RefundRow = Omit<OrderRefundView, 'amount' | 'lines'> & {
  amount: number;
  currency: string;
  lines: Array<{ itemId: string; vendorId: string; quantity: number; amount: number }>;
};

/** The refunds of several orders, oldest first, in one statement (the `refundsByOrder` loader). */
export async function refundsOfOrders(
  dataSource: DataSource,
  orderIds: readonly string[],
): Promise<OrderRefundView[][]> {
  const rows = await dataSource.query<RefundRow[]>(
    `SELECT r.id, r.order_id AS "orderId", r.status, r.amount::int AS amount, r.currency,
            r.reason, r.restock, r.failure_reason AS "failureReason",
            r.requested_at AS "requestedAt", r.settled_at AS "settledAt",
            json_agg(json_build_object('itemId', l.item_id, 'vendorId', i.vendor_id,
                                       'quantity', l.quantity, 'amount', l.amount)
                     ORDER BY i.position) AS lines
       FROM order_refunds r
       JOIN order_refund_lines l ON l.refund_id = r.id
       JOIN order_items i ON i.id = l.item_id
      WHERE r.order_id = ANY($1::uuid[])
      GROUP BY r.id
      ORDER BY r.seq`,
    [orderIds],
  );
  const refunds = rows.map(({ amount, currency, lines, ...row }) => ({
    ...row,
    amount: { amount, currency },
    lines: lines.map((line) => ({ ...line, amount: { amount: line.amount, currency } })),
  }));
  return orderIds.map((orderId) => refunds.filter((refund) => refund.orderId === orderId));
}
