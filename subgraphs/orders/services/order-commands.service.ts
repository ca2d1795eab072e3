import type { EntityManager } from 'typeorm';
import { InvalidStateError, NotFoundError } from '../../../lib/errors';
import type { EventCatalogue } from '../../../lib/events/catalogue';
import { transactionWithEvents } from '../../../lib/events/outbox';
import type { Logger } from '../../../lib/logger';
import { id, parseInput } from '../../../lib/validation';
import { readOrder, type OrderView } from './order-rows';
import { transition, type OrderTrigger, type TransitionDetails } from './order-state';
import type { OrdersDeps } from './orders-deps';

/** What customers, vendors and other services' events do to placed orders. */
export class OrderCommandService {
  constructor(private readonly deps: OrdersDeps) {}

  /** The customer cancels: before payment, or after it while no line has shipped. */
  cancel(customerId: string, rawId: string, requestId?: string): Promise<OrderView> {
    const orderId = parseInput(id, rawId, 'id');
    return this.inTransaction((manager) =>
      transition(manager, orderId, 'CUSTOMER_CANCELLED', {
        reason: 'CANCELLED_BY_CUSTOMER',
        requestId,
        guard: async (order) => {
          if (order.customerId !== customerId) throw new NotFoundError('Order');
          const [{ shipped }] = await manager.query<Array<{ shipped: boolean }>>(
            `SELECT count(*) FILTER (WHERE fulfilled_at IS NOT NULL) > 0 AS shipped
               FROM order_items WHERE order_id = $1`,
            [orderId],
          );
          if (shipped) throw new InvalidStateError('Some lines have shipped already');
          // The full refund of a cancellation would repeat the money of a pending line refund.
          const [{ refunding }] = await manager.query<Array<{ refunding: boolean }>>(
            `SELECT count(*) > 0 AS refunding FROM order_refunds
              WHERE order_id = $1 AND status = 'PENDING'`,
            [orderId],
          );
          if (refunding) throw new InvalidStateError('A refund of some lines is under way');
        },
      }),
    );
  }

  /**
   * A vendor marks its lines of a PAID order shipped; the last vendor's makes it FULFILLED. A
   * PARTIALLY_REFUNDED order's lines ship too, and it keeps the status that explains its money.
   */
  fulfil(vendorId: string, rawId: string, requestId?: string): Promise<OrderView> {
    const orderId = parseInput(id, rawId, 'orderId');
    return this.inTransaction(async (manager) => {
      const order = await readOrder(manager, orderId, true);
      const lines = order
        ? await manager.query<Array<{ fulfilledAt: Date | null }>>(
            `SELECT fulfilled_at AS "fulfilledAt" FROM order_items
              WHERE order_id = $1 AND vendor_id = $2`,
            [orderId, vendorId],
          )
        : [];
      if (!order || !lines.length) throw new NotFoundError('Order');
      if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED') {
        throw new InvalidStateError(`An order in status ${order.status} cannot be fulfilled`);
      }
      if (lines.every((line) => line.fulfilledAt)) {
        throw new InvalidStateError('Your lines of this order are fulfilled already');
      }
      await manager.query(
        `UPDATE order_items SET fulfilled_at = now()
          WHERE order_id = $1 AND vendor_id = $2 AND fulfilled_at IS NULL`,
        [orderId, vendorId],
      );
      const [{ open }] = await manager.query<Array<{ open: number }>>(
        'SELECT count(*)::int AS open FROM order_items WHERE order_id = $1 AND fulfilled_at IS NULL',
        [orderId],
      );
      if (open > 0 || order.status !== 'PAID') return order;
      return transition(manager, orderId, 'ALL_FULFILLED', { reason: 'FULFILLED', requestId });
    });
  }

  /** Handlers of other services' events, each inside the consumer's inbox transaction. */
  eventHandlers(logger: Logger) {
    const apply = async (
      manager: EntityManager,
      orderId: string,
      trigger: OrderTrigger,
      details: TransitionDetails,
    ) => {
      try {
        await transition(manager, orderId, trigger, details);
      } catch (error) {
        if (!(error instanceof InvalidStateError || error instanceof NotFoundError)) throw error;
        // A late or repeated event about an order that moved on: nothing to do.
        logger.info({ orderId, trigger, reason: error.message }, 'event ignored');
      }
    };
    return {
      stockReserved: (m: EntityManager, e: EventCatalogue['stock.reserved'], requestId?: string) =>
        apply(m, e.orderId, 'STOCK_RESERVED', { expiresAt: e.expiresAt, requestId }),
      stockRejected: (m: EntityManager, e: EventCatalogue['stock.rejected'], requestId?: string) =>
        apply(m, e.orderId, 'STOCK_REJECTED', {
          reason: 'OUT_OF_STOCK',
          shortLines: e.shortLines,
          requestId,
        }),
      reservationExpired: (m: EntityManager, orderId: string, requestId?: string) =>
        apply(m, orderId, 'RESERVATION_EXPIRED', { reason: 'RESERVATION_EXPIRED', requestId }),
      paymentSucceeded: (m: EntityManager, orderId: string, requestId?: string) =>
        apply(m, orderId, 'PAYMENT_SUCCEEDED', { reason: 'PAID', requestId }),
      paymentFailed: (m: EntityManager, e: EventCatalogue['payment.failed'], requestId?: string) =>
        apply(m, e.orderId, 'PAYMENT_FAILED', { reason: `PAYMENT_FAILED: ${e.reason}`, requestId }),
      paymentExpired: (m: EntityManager, orderId: string, requestId?: string) =>
        apply(m, orderId, 'PAYMENT_EXPIRED', { reason: 'PAYMENT_EXPIRED', requestId }),
      /**
       * A cancelled order's payment, or a payment captured after the order expired or was
       * cancelled unpaid (LATE_PAYMENT), went back in full: the order is REFUNDED either way, so
       * its status says what the customer paid (nothing). Line refunds are settled elsewhere.
       */
      paymentRefunded: (
        m: EntityManager,
        e: EventCatalogue['payment.refunded'],
        requestId?: string,
      ) =>
        e.reason === 'LATE_PAYMENT'
          ? apply(m, e.orderId, 'LATE_PAYMENT_REFUNDED', {
              reason: 'LATE_PAYMENT_REFUNDED',
              requestId,
            })
          : apply(m, e.orderId, 'REFUNDED', { reason: 'REFUNDED', requestId }),
    };
  }

  private inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, work);
  }
}
