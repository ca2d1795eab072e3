import type { EntityManager } from 'typeorm';
import type { EventCatalogue } from '../../../lib/events/catalogue';
import { enqueueEvent } from '../../../lib/events/outbox';
import { Reservation } from '../entities/reservation.entity';
import { reviewLowStock } from './low-stock';
import { recordMovement } from './stock-ledger';

/** A sold reservation line: units sold from one warehouse and how many came back already. */
export interface SoldLine {
  productId: string;
  warehouseId: string;
  quantity: number;
  restocked: number;
}

/**
 * Where the returned units go: back to the warehouses they were sold from, per product in
 * warehouse-id order, never more into a warehouse than it sold and has not had back. Units that
 * find no such warehouse (never happens while orders and inventory agree) are left out.
 */
export function restockPlan(
  sold: readonly SoldLine[],
  returned: ReadonlyArray<{ productId: string; quantity: number }>,
): Array<{ productId: string; warehouseId: string; quantity: number }> {
  const plan: Array<{ productId: string; warehouseId: string; quantity: number }> = [];
  for (const line of returned) {
    let wanted = line.quantity;
    const sources = sold
      .filter((s) => s.productId === line.productId && s.quantity > s.restocked)
      .sort((a, b) => a.warehouseId.localeCompare(b.warehouseId));
    for (const source of sources) {
      if (wanted === 0) break;
      const quantity = Math.min(wanted, source.quantity - source.restocked);
      plan.push({ productId: line.productId, warehouseId: source.warehouseId, quantity });
      wanted -= quantity;
    }
  }
  return plan.sort((a, b) =>
    a.productId === b.productId
      ? a.warehouseId.localeCompare(b.warehouseId)
      : a.productId.localeCompare(b.productId),
  );
}

/**
 * `order.refunded` with `restock`: the refund's units go back into the warehouses they were sold
 * from (ledger RESTOCK, reason `refund <id>`, `stock.restocked`). Once per refund: the inbox drops
 * a redelivered event, and a refund whose RESTOCK rows exist is not restocked again. The
 * reservation is locked first and the levels in (product, warehouse) order, like every other
 * reservation change, so this queues behind them instead of deadlocking. A reservation whose
 * every unit is back is RESTOCKED; one not yet sold (the sale has its own consumer) is retried.
 */
export async function restockRefund(
  manager: EntityManager,
  refund: EventCatalogue['order.refunded'],
  requestId?: string,
): Promise<void> {
  const { orderId } = refund;
  const reason = `refund ${refund.refundId}`;
  const reservation = await manager.findOne(Reservation, {
    where: { orderId },
    lock: { mode: 'for_no_key_update' },
  });
  if (reservation?.status === 'RESTOCKED') return;
  if (reservation?.status !== 'SOLD') {
    // The sale (`order.status_changed` to PAID) has its own consumer and may not have run yet:
    // throwing makes this event come back later, after it.
    throw new Error(`order.refunded ${refund.refundId}: order ${orderId} is not sold here yet`);
  }
  const [done] = await manager.query<unknown[]>(
    `SELECT 1 FROM stock_movements WHERE order_id = $1 AND kind = 'RESTOCK' AND reason = $2 LIMIT 1`,
    [orderId, reason],
  );
  if (done) return;
  const sold = await manager.query<SoldLine[]>(
    `SELECT product_id AS "productId", warehouse_id AS "warehouseId", quantity, restocked
       FROM reservation_lines WHERE order_id = $1 ORDER BY product_id, warehouse_id`,
    [orderId],
  );
  const plan = restockPlan(sold, refund.lines);
  for (const line of plan) {
    await recordMovement(manager, { ...line, kind: 'RESTOCK', reason, orderId });
    await manager.query(
      `UPDATE reservation_lines SET restocked = restocked + $4
        WHERE order_id = $1 AND product_id = $2 AND warehouse_id = $3`,
      [orderId, line.productId, line.warehouseId, line.quantity],
    );
  }
  const [{ left }] = await manager.query<Array<{ left: number }>>(
    'SELECT count(*)::int AS left FROM reservation_lines WHERE order_id = $1 AND restocked < quantity',
    [orderId],
  );
  if (left === 0) await manager.update(Reservation, { orderId }, { status: 'RESTOCKED' });
  await reviewLowStock(
    manager,
    plan.map((line) => line.productId),
    requestId,
  );
  await enqueueEvent(manager, 'stock.restocked', { orderId, lines: plan }, requestId);
}
