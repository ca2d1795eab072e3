import type { EntityManager } from 'typeorm';
import type { Caller } from '../../../lib/auth/caller';
import { BazaarError } from '../../../lib/errors';
import type { EventCatalogue, OrderStatus } from '../../../lib/events/catalogue';
import { enqueueEvent, transactionWithEvents } from '../../../lib/events/outbox';
import type { Logger } from '../../../lib/logger';
import { id, parseInput } from '../../../lib/validation';
import type { MutationRefundOrderLinesArgs } from '../generated/resolvers-types';
import { refundLines, refundReason } from '../validation';
import { readOrder, type OrderView } from './order-rows';
import { recordHistory, transition } from './order-state';
import type { OrdersDeps } from './orders-deps';
import { planRefund, type RefundableItem } from './refund-plan';
import { refundsOfOrders, type OrderRefundView } from './refund-rows';

/** Statuses whose lines may be refunded: money was captured and not all of it went back. */
const REFUNDABLE: readonly OrderStatus[] = ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED'];

/**
 * How old a PENDING request must be before an admin may send it again: longer than payments'
 * consumer usually keeps retrying it (5 deliveries 1, 2, 4, 8 s apart, plus the SDK's own two
 * retries of each call). Not what makes a retry safe (payments handles a request under the
 * payment's row lock, once per refund id, and adopts the refund Stripe already holds for it); it
 * spares Stripe a duplicate call while the first delivery is still being retried. There is no
 * upper bound: payments finds an earlier refund in Stripe's list of the payment's refunds, which
 * Stripe keeps for good, not by the idempotency key, which it forgets after 24 hours.
 */
const RETRY_AFTER = '1 minute';

/**
 * Per-line refunds. A request holds its units against the lines (PENDING) and asks payments for
 * the money (`order.refund_requested`); the answer settles it: `payment.refunded` moves the units
 * into the lines' refunded counts, the order to PARTIALLY_REFUNDED or REFUNDED, and publishes
 * `order.refunded` (inventory restocks, the mailer tells everyone); `payment.refund_failed`
 * marks it FAILED and frees its units for another request. The order row is locked first, then
 * its lines in id order, FOR NO KEY UPDATE (no key changes, so foreign-key share locks of other
 * writers do not conflict), so two requests for the same units run one after the other and the
 * second sees what the first took.
 */
export class OrderRefundService {
  constructor(private readonly deps: OrdersDeps) {}

  request(
    caller: Caller,
    args: MutationRefundOrderLinesArgs,
    requestId?: string,
  ): Promise<OrderView> {
    const orderId = parseInput(id, args.orderId, 'orderId');
    const lines = parseInput(refundLines, args.lines, 'lines');
    const reason = parseInput(refundReason, args.reason, 'reason');
    const restock = args.restock === true;
    const refunder = { userId: caller.userId!, isAdmin: caller.role === 'ADMIN' };
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const [order] = await manager.query<Array<{ status: OrderStatus }>>(
        'SELECT status FROM orders WHERE id = $1 FOR NO KEY UPDATE',
        [orderId],
      );
      const items = order ? await lockItems(manager, orderId) : [];
      if (!order || !items.some((item) => refunder.isAdmin || item.vendorId === refunder.userId)) {
        throw new BazaarError('NOT_FOUND', 'Order not found', { field: 'orderId' });
      }
      if (!REFUNDABLE.includes(order.status)) {
        throw new BazaarError(
          'INVALID_STATE',
          `An order in status ${order.status} cannot be refunded; only PAID, FULFILLED and PARTIALLY_REFUNDED orders`,
          { field: 'orderId' },
        );
      }
      const plan = planRefund(items, lines, refunder);
      const [{ id: refundId }] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO order_refunds (order_id, requested_by, reason, restock, amount, currency, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'PENDING') RETURNING id`,
        [orderId, refunder.userId, reason, restock, plan.amount, items[0].currency],
      );
      await manager.query(
        `INSERT INTO order_refund_lines (refund_id, item_id, quantity, amount)
         SELECT $1, l.item_id, l.quantity, l.amount
           FROM unnest($2::uuid[], $3::int[], $4::bigint[]) AS l(item_id, quantity, amount)`,
        [
          refundId,
          plan.lines.map((line) => line.itemId),
          plan.lines.map((line) => line.quantity),
          plan.lines.map((line) => line.amount.amount),
        ],
      );
      await enqueueEvent(
        manager,
        'order.refund_requested',
        {
          refundId,
          orderId,
          amount: { amount: plan.amount, currency: items[0].currency },
          lines: plan.lines,
          restock,
          reason,
          requestedBy: refunder.userId,
        },
        requestId,
      );
      return (await readOrder(manager, orderId))!;
    });
  }

  /**
   * Publishes `order.refund_requested` again (a new event, the same refund id) for a request
   * still PENDING `RETRY_AFTER` after it was made: payments gave up on it (Stripe unreachable on
   * every delivery, so the event was dead-lettered) and its units stay held until it is answered.
   * Payments records one refund per request and, before refunding, adopts the refund Stripe
   * holds for the request (its metadata names it), so a retry of a request Stripe did carry out,
   * at any age, settles with that refund instead of making a second one. A younger request may
   * still be on its way through payments' own retries: refused.
   */
  async retry(refundIdArg: string, requestId?: string): Promise<OrderRefundView> {
    const refundId = parseInput(id, refundIdArg, 'refundId');
    const orderId = await transactionWithEvents(
      this.deps.dataSource,
      this.deps.publisher,
      async (manager) => {
        const [found] = await manager.query<Array<{ orderId: string; young: boolean }>>(
          `SELECT order_id AS "orderId", requested_at > now() - $2::interval AS young
             FROM order_refunds WHERE id = $1`,
          [refundId, RETRY_AFTER],
        );
        if (!found) throw new BazaarError('NOT_FOUND', 'Refund not found', { field: 'refundId' });
        const refund = await this.lockPending(manager, found.orderId, refundId);
        if (!refund) {
          throw new BazaarError(
            'INVALID_STATE',
            'Payments already answered this refund; only a PENDING refund can be retried',
            { field: 'refundId' },
          );
        }
        if (found.young) {
          throw new BazaarError(
            'INVALID_STATE',
            `This refund was requested less than ${RETRY_AFTER} ago and may still be on its way to Stripe; retry it later`,
            { field: 'refundId' },
          );
        }
        await enqueueEvent(
          manager,
          'order.refund_requested',
          {
            refundId,
            orderId: found.orderId,
            amount: { amount: Number(refund.amount), currency: refund.currency },
            lines: await refundLinesOf(manager, refundId),
            restock: refund.restock,
            reason: refund.reason,
            requestedBy: refund.requestedBy,
          },
          requestId,
        );
        return found.orderId;
      },
    );
    const [refunds] = await refundsOfOrders(this.deps.dataSource, [orderId]);
    return refunds.find((refund) => refund.id === refundId)!;
  }

  /** The refund requests of several orders, oldest first. */
  refundsOf(orderIds: readonly string[]): Promise<OrderRefundView[][]> {
    return refundsOfOrders(this.deps.dataSource, orderIds);
  }

  /** Handlers of payments' answers, each inside the consumer's inbox transaction. */
  eventHandlers(logger: Logger) {
    return {
      /** The money went back: the lines record it, the order's status follows. */
      refunded: async (
        manager: EntityManager,
        event: EventCatalogue['payment.refunded'],
        requestId?: string,
      ) => {
        const refund = await this.lockPending(manager, event.orderId, event.refundId);
        if (!refund) {
          logger.info({ refundId: event.refundId }, 'settled or unknown line refund ignored');
          return;
        }
        await manager.query(
          `UPDATE order_refunds SET status = 'SUCCEEDED', provider_refund_id = $2, settled_at = now()
            WHERE id = $1`,
          [refund.id, event.providerRefundId ?? null],
        );
        await manager.query(
          `UPDATE order_items i
              SET refunded_quantity = i.refunded_quantity + l.quantity,
                  refunded_amount = i.refunded_amount + l.amount,
                  restocked_quantity = i.restocked_quantity + CASE WHEN $2 THEN l.quantity ELSE 0 END
             FROM order_refund_lines l
            WHERE l.refund_id = $1 AND i.id = l.item_id`,
          [refund.id, refund.restock],
        );
        const [{ open }] = await manager.query<Array<{ open: number }>>(
          `SELECT count(*)::int AS open FROM order_items
            WHERE order_id = $1 AND refunded_quantity < quantity`,
          [event.orderId],
        );
        const order = await transition(
          manager,
          event.orderId,
          open ? 'LINES_REFUNDED' : 'ALL_LINES_REFUNDED',
          { reason: 'LINES_REFUNDED', requestId },
        );
        const lines = await refundLinesOf(manager, refund.id);
        await enqueueEvent(
          manager,
          'order.refunded',
          {
            refundId: refund.id,
            orderId: order.id,
            customerId: order.customerId,
            vendorIds: [...new Set(lines.map((line) => line.vendorId))],
            amount: { amount: Number(refund.amount), currency: refund.currency },
            lines,
            restock: refund.restock,
            reason: refund.reason,
            requestedBy: refund.requestedBy,
          },
          requestId,
        );
      },
      /** Stripe refused: nothing went back, the units may be asked for again. */
      failed: async (manager: EntityManager, event: EventCatalogue['payment.refund_failed']) => {
        const refund = await this.lockPending(manager, event.orderId, event.refundId);
        if (!refund) return;
        await manager.query(
          `UPDATE order_refunds SET status = 'FAILED', failure_reason = $2, settled_at = now()
            WHERE id = $1`,
          [refund.id, event.reason],
        );
        const order = (await readOrder(manager, event.orderId))!;
        await recordHistory(manager, order.id, order.status, order.status, 'REFUND_FAILED');
      },
    };
  }

  /** The order locked, then its refund if it still waits for payments; null otherwise. */
  private async lockPending(manager: EntityManager, orderId: string, refundId?: string) {
    await manager.query('SELECT 1 FROM orders WHERE id = $1 FOR NO KEY UPDATE', [orderId]);
    const [refund] = await manager.query<
      Array<{
        id: string;
        restock: boolean;
        amount: string;
        currency: string;
        reason: string;
        requestedBy: string;
      }>
    >(
      `SELECT id, restock, amount, currency, reason, requested_by AS "requestedBy"
         FROM order_refunds
        WHERE id = $1 AND order_id = $2 AND status = 'PENDING'
        FOR NO KEY UPDATE`,
      [refundId ?? null, orderId],
    );
    return refund ?? null;
  }
}

/** The order's lines in id order, locked, with the units refunds took or hold. */
async function lockItems(manager: EntityManager, orderId: string): Promise<RefundableItem[]> {
  const items = await manager.query<Array<Omit<RefundableItem, 'pendingQuantity'>>>(
    `SELECT id, product_id AS "productId", product_name AS "productName", vendor_id AS "vendorId",
            unit_amount AS "unitAmount", currency, quantity, refunded_quantity AS "refundedQuantity"
       FROM order_items WHERE order_id = $1 ORDER BY id FOR NO KEY UPDATE`,
    [orderId],
  );
  const pending = await manager.query<Array<{ itemId: string; units: number }>>(
    `SELECT l.item_id AS "itemId", sum(l.quantity)::int AS units
       FROM order_refund_lines l JOIN order_refunds r ON r.id = l.refund_id
      WHERE r.order_id = $1 AND r.status = 'PENDING'
      GROUP BY l.item_id`,
    [orderId],
  );
  const held = new Map(pending.map((row) => [row.itemId, row.units]));
  return items.map((item) => ({ ...item, pendingQuantity: held.get(item.id) ?? 0 }));
}

async function refundLinesOf(manager: EntityManager, refundId: string) {
  const rows = await manager.query<
    Array<{
      itemId: string;
      productId: string;
      productName: string;
      vendorId: string;
      quantity: number;
      amount: string;
      currency: string;
    }>
  >(
    `SELECT l.item_id AS "itemId", i.product_id AS "productId", i.product_name AS "productName",
            i.vendor_id AS "vendorId", l.quantity, l.amount, i.currency
       FROM order_refund_lines l JOIN order_items i ON i.id = l.item_id
      WHERE l.refund_id = $1 ORDER BY i.position`,
    [refundId],
  );
  return rows.map(({ amount, currency, ...line }) => ({
    ...line,
    amount: { amount: Number(amount), currency },
  }));
}
