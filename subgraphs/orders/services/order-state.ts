import type { EntityManager } from 'typeorm';
import { InvalidStateError, NotFoundError } from '../../../lib/errors';
import type { OrderStatus } from '../../../lib/events/catalogue';
import { enqueueEvent } from '../../../lib/events/outbox';
import type { ShortLineRecord } from '../entities/order.entity';
import {
  ORDER_COLUMNS,
  orderOf,
  readItems,
  readOrder,
  summaryOf,
  type OrderRow,
  type OrderView,
} from './order-rows';

/** What can happen to an order after it was placed. */
export type OrderTrigger =
  | 'STOCK_RESERVED'
  | 'STOCK_REJECTED'
  | 'RESERVATION_EXPIRED'
  | 'PAYMENT_SUCCEEDED'
  | 'PAYMENT_FAILED'
  | 'PAYMENT_EXPIRED'
  | 'CUSTOMER_CANCELLED'
  | 'ALL_FULFILLED'
  | 'REFUNDED'
  | 'LATE_PAYMENT_REFUNDED'
  | 'LINES_REFUNDED'
  | 'ALL_LINES_REFUNDED';

interface Transition {
  to: OrderStatus;
  /**
   * Whether the order can never be paid from here on (`order.cancelled`): inventory gives its
   * stock back (release, or restock after a sale) and payments closes or refunds the payment.
   */
  releaseStock: boolean;
}

/**
 * The whole order state machine: from-status -> trigger -> transition. Anything not listed is
 * INVALID_STATE and changes nothing.
 */
const TRANSITIONS: Partial<Record<OrderStatus, Partial<Record<OrderTrigger, Transition>>>> = {
  PENDING: {
    STOCK_RESERVED: { to: 'AWAITING_PAYMENT', releaseStock: false },
    STOCK_REJECTED: { to: 'REJECTED', releaseStock: false },
    // The expiry overtook `stock.reserved` (they are consumed separately).
    RESERVATION_EXPIRED: { to: 'EXPIRED', releaseStock: true },
  },
  AWAITING_PAYMENT: {
    // Inventory sells on this transition, and on nothing else (see conservation.ts).
    PAYMENT_SUCCEEDED: { to: 'PAID', releaseStock: false },
    // Inventory holds a lapsed reservation until orders says so: a payment accepted first wins.
    RESERVATION_EXPIRED: { to: 'EXPIRED', releaseStock: true },
    PAYMENT_EXPIRED: { to: 'EXPIRED', releaseStock: true },
    CUSTOMER_CANCELLED: { to: 'CANCELLED', releaseStock: true },
    PAYMENT_FAILED: { to: 'CANCELLED', releaseStock: true },
  },
  PAID: {
    ALL_FULFILLED: { to: 'FULFILLED', releaseStock: false },
    // Nothing shipped and no line refund pending (the guard): payments refunds, inventory
    // restocks, both on `order.cancelled`.
    CUSTOMER_CANCELLED: { to: 'CANCELLED', releaseStock: true },
    // A line refund settled (`payment.refunded` LINES_REFUNDED); inventory restocks only the
    // refund's units, on `order.refunded`, so these never release the whole order's stock.
    LINES_REFUNDED: { to: 'PARTIALLY_REFUNDED', releaseStock: false },
    ALL_LINES_REFUNDED: { to: 'REFUNDED', releaseStock: false },
  },
  FULFILLED: {
    LINES_REFUNDED: { to: 'PARTIALLY_REFUNDED', releaseStock: false },
    ALL_LINES_REFUNDED: { to: 'REFUNDED', releaseStock: false },
  },
  // Every settled refund is a step here, so the history lists each one.
  PARTIALLY_REFUNDED: {
    LINES_REFUNDED: { to: 'PARTIALLY_REFUNDED', releaseStock: false },
    ALL_LINES_REFUNDED: { to: 'REFUNDED', releaseStock: false },
  },
  CANCELLED: {
    REFUNDED: { to: 'REFUNDED', releaseStock: false },
    // Cancelled before payment, and a payment captured anyway went back.
    LATE_PAYMENT_REFUNDED: { to: 'REFUNDED', releaseStock: false },
  },
  // A payment captured after the order expired went back: the status says where the money is.
  EXPIRED: {
    LATE_PAYMENT_REFUNDED: { to: 'REFUNDED', releaseStock: false },
  },
};

/** Extra facts a transition records. */
export interface TransitionDetails {
  reason?: string | null;
  requestId?: string;
  /** STOCK_RESERVED: when the reservation runs out. */
  expiresAt?: string;
  /** STOCK_REJECTED: the short lines. */
  shortLines?: ShortLineRecord[];
  /** Checked on the locked order before the transition and any change; throw to refuse. */
  guard?: (order: OrderView) => Promise<void> | void;
}

/** The status `trigger` leads to from `from`, or null when it is not allowed. */
export function nextStatus(from: OrderStatus, trigger: OrderTrigger): OrderStatus | null {
  return TRANSITIONS[from]?.[trigger]?.to ?? null;
}

/**
 * Applies `trigger` to the order inside the caller's transaction: locks the order, checks the
 * transition, updates it, records a history row and enqueues `order.status_changed` (and
 * `order.cancelled` when stock must be released). INVALID_STATE, with nothing changed, otherwise.
 */
export async function transition(
  manager: EntityManager,
  orderId: string,
  trigger: OrderTrigger,
  details: TransitionDetails = {},
): Promise<OrderView> {
  const order = await readOrder(manager, orderId, true);
  if (!order) throw new NotFoundError('Order');
  await details.guard?.(order);
  const step = TRANSITIONS[order.status]?.[trigger];
  if (!step) {
    throw new InvalidStateError(`An order in status ${order.status} cannot take ${trigger}`);
  }
  const reason = details.reason ?? trigger;
  // One round trip for the change, its history row and the order as it now is; now() is the
  // transaction's time: the same as `updated_at` and the history row's `at`.
  // TypeORM answers an UPDATE with [rows, affected count].
  const [[row]] = await manager.query<[Array<OrderRow & { at: Date }>, number]>(
    `WITH history AS (
       INSERT INTO order_status_changes (order_id, from_status, to_status, reason)
       VALUES ($1, $5, $2, $6)
     )
     UPDATE orders o
        SET status = $2, updated_at = now(),
            expires_at = CASE WHEN $2 = 'AWAITING_PAYMENT' THEN $3::timestamptz ELSE NULL END,
            short_lines = coalesce($4::jsonb, short_lines)
      WHERE o.id = $1
      RETURNING ${ORDER_COLUMNS}, now() AS at`,
    [
      orderId,
      step.to,
      details.expiresAt ?? null,
      details.shortLines ? JSON.stringify(details.shortLines) : null,
      order.status,
      reason,
    ],
  );
  const { at, ...changed } = row;
  const updated = orderOf(changed);
  const items = await readItems(manager, orderId);
  await enqueueEvent(
    manager,
    'order.status_changed',
    { ...summaryOf(updated, items), from: order.status, to: step.to, reason, at: at.toISOString() },
    details.requestId,
  );
  if (step.releaseStock) {
    await enqueueEvent(manager, 'order.cancelled', { orderId, reason }, details.requestId);
  }
  return updated;
}

/** A history row; `from` null for the placement. */
export async function recordHistory(
  manager: EntityManager,
  orderId: string,
  from: OrderStatus | null,
  to: OrderStatus,
  reason: string | null,
): Promise<void> {
  await manager.query(
    `INSERT INTO order_status_changes (order_id, from_status, to_status, reason)
     VALUES ($1, $2, $3, $4)`,
    [orderId, from, to, reason],
  );
}
