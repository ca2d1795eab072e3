import type { EntityManager } from 'typeorm';
import type { EventCatalogue } from '../../../lib/events/catalogue';
import { enqueueEvent, transactionWithEvents } from '../../../lib/events/outbox';
import { checkViolation } from '../../../lib/db/database';
import { InsufficientStockError } from '../../../lib/errors';
import { isId } from '../../../lib/validation';
import { Reservation, type ReservationStatus } from '../entities/reservation.entity';
import { ReservationLine } from '../entities/reservation-line.entity';
import { allocate, type Allocation, type Candidate } from './allocation';
import type { InventoryDeps } from './inventory-deps';
import {
  lockProductsSql,
  productsToReview,
  reviewLockedLowStock,
  reviewLowStock,
  type LockedProduct,
} from './low-stock';
import { effectOf, moveReservedUnits, recordMovement } from './stock-ledger';

type PlacedOrder = EventCatalogue['order.placed'];

/**
 * The reservation engine the checkout saga drives with events. Every method runs inside one
 * transaction (the consumer's, which also records the event in the inbox, or the sweeper's).
 * The reservation row is always locked before any stock level, and levels in
 * (product_id, warehouse_id) order, so concurrent orders, cancellations, payments and sweeps
 * queue behind each other instead of deadlocking. Locks are FOR NO KEY UPDATE: as exclusive as
 * FOR UPDATE between writers, but no keys ever change, so they need not conflict with the
 * key-share locks that foreign keys take (which would otherwise deadlock with them).
 */
export class ReservationService {
  constructor(private readonly deps: InventoryDeps) {}

  /**
   * Reserves every line of a placed order across active warehouses, or nothing: publishes
   * `stock.reserved` with the allocations and an expiry, or `stock.rejected` with the short lines.
   * An order seen before (redelivered, or cancelled before it got here) changes nothing.
   */
  async reserve(manager: EntityManager, order: PlacedOrder, requestId?: string): Promise<void> {
    const wanted = requestedQuantities(order);
    const claimed: Array<{ expiresAt: Date }> = await manager.query(
      `INSERT INTO reservations (order_id, status, expires_at)
       VALUES ($1, 'RESERVED', now() + $2 * interval '1 millisecond')
       ON CONFLICT (order_id) DO NOTHING
       RETURNING expires_at AS "expiresAt"`,
      [order.orderId, this.deps.config.reservationTtlMs],
    );
    if (claimed.length === 0) return;
    const productIds = [...wanted.keys()].filter(isId).sort();
    // Every active level of the ordered products, locked in key order; the warehouses are share-
    // locked so none can be deactivated while this order is being allocated from it.
    const candidates: Candidate[] = await manager.query(
      `SELECT sl.product_id AS "productId", sl.warehouse_id AS "warehouseId",
              sl.on_hand - sl.reserved AS available
         FROM stock_levels sl
         JOIN warehouses w ON w.id = sl.warehouse_id
        WHERE sl.product_id = ANY($1::uuid[]) AND w.active
        ORDER BY sl.product_id, sl.warehouse_id
        FOR NO KEY UPDATE OF sl FOR SHARE OF w`,
      [productIds],
    );
    const { allocations, shortLines } = allocate(wanted, candidates);
    if (shortLines.length) {
      await this.finish(manager, order.orderId, 'REJECTED');
      await enqueueEvent(
        manager,
        'stock.rejected',
        { orderId: order.orderId, shortLines },
        requestId,
      );
      return;
    }
    const products = await holdAndLockProducts(manager, order.orderId, allocations, productIds);
    await reviewLockedLowStock(
      manager,
      productsToReview(products, availableAfter(candidates, allocations)),
      requestId,
    );
    await enqueueEvent(
      manager,
      'stock.reserved',
      { orderId: order.orderId, expiresAt: claimed[0].expiresAt.toISOString(), allocations },
      requestId,
    );
  }

  /**
   * `order.cancelled`: gives the order's stock back. A held reservation (RESERVED, or LAPSED past
   * its expiry) is released; a sold one is restocked into the warehouses it was sold from (ledger
   * kind RESTOCK, `stock.restocked`), because orders cancels a paid order only before anything
   * shipped. A cancellation that overtakes its `order.placed` leaves a RELEASED marker, so the
   * late order reserves nothing.
   */
  async release(manager: EntityManager, orderId: string, requestId?: string): Promise<void> {
    await manager.query(
      `INSERT INTO reservations (order_id, status) VALUES ($1, 'RELEASED')
       ON CONFLICT (order_id) DO NOTHING`,
      [orderId],
    );
    const status = await this.lockStatus(manager, orderId);
    if (status === 'SOLD') return this.restockAll(manager, orderId, requestId);
    if (!isHeld(status)) return;
    const released = await moveReservedUnits(
      manager,
      orderId,
      'RELEASE',
      status === 'LAPSED' ? 'EXPIRED' : 'RELEASED',
    );
    await reviewLowStock(manager, released, requestId);
    await enqueueEvent(manager, 'stock.released', { orderId }, requestId);
  }

  /**
   * Orders accepted the order as PAID (`order.status_changed` to PAID): its held units become a
   * sale and `stock.sold` is published. Orders is the only judge of "paid": a payment it refused
   * never reaches here, and a reservation that lapsed while orders accepted the payment is sold,
   * because its units were never given back (see {@link expireDue}).
   */
  async sell(manager: EntityManager, orderId: string, requestId?: string): Promise<void> {
    if (!isHeld(await this.lockStatus(manager, orderId))) return;
    // No low-stock review: a sale takes the units off on-hand and reserved alike, so what is
    // available (on hand less reserved) does not move.
    await moveReservedUnits(manager, orderId, 'SALE', 'SOLD');
    await enqueueEvent(manager, 'stock.sold', { orderId }, requestId);
  }

  /** Puts every sold unit not yet restocked back where it was sold from. */
  private async restockAll(
    manager: EntityManager,
    orderId: string,
    requestId?: string,
  ): Promise<void> {
    const lines = await manager.find(ReservationLine, {
      where: { orderId },
      order: { productId: 'ASC', warehouseId: 'ASC' },
    });
    const back = lines.filter((line) => line.quantity > line.restocked);
    for (const line of back) {
      await recordMovement(manager, {
        productId: line.productId,
        warehouseId: line.warehouseId,
        kind: 'RESTOCK',
        quantity: line.quantity - line.restocked,
        orderId,
      });
    }
    await manager.query('UPDATE reservation_lines SET restocked = quantity WHERE order_id = $1', [
      orderId,
    ]);
    await this.finish(manager, orderId, 'RESTOCKED');
    await reviewLowStock(
      manager,
      back.map((line) => line.productId),
      requestId,
    );
    await enqueueEvent(
      manager,
      'stock.restocked',
      {
        orderId,
        lines: back.map((line) => ({
          productId: line.productId,
          warehouseId: line.warehouseId,
          quantity: line.quantity - line.restocked,
        })),
      },
      requestId,
    );
  }

  /**
   * Marks every reservation past its expiry LAPSED, one transaction each, publishing
   * `stock.reservation_expired`. The units stay held: orders decides whether the order expired
   * (then `order.cancelled` releases them) or was paid in time (then they are sold), so a payment
   * accepted a moment before the sweep never finds its stock gone. Rows are claimed with
   * `SKIP LOCKED`, so replicas sweeping at the same time share the work. Returns how many lapsed.
   */
  async expireDue(): Promise<number> {
    let lapsed = 0;
    while (await this.expireOne()) lapsed += 1;
    return lapsed;
  }

  private expireOne(): Promise<boolean> {
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const [due]: Array<{ orderId: string }> = await manager.query(
        `SELECT order_id AS "orderId" FROM reservations
          WHERE status = 'RESERVED' AND expires_at <= now()
          ORDER BY expires_at
          LIMIT 1
          FOR NO KEY UPDATE SKIP LOCKED`,
      );
      if (!due) return false;
      await this.finish(manager, due.orderId, 'LAPSED');
      await enqueueEvent(manager, 'stock.reservation_expired', { orderId: due.orderId });
      return true;
    });
  }

  /** Locks the order's reservation and returns its status (null when inventory never saw it). */
  private async lockStatus(
    manager: EntityManager,
    orderId: string,
  ): Promise<ReservationStatus | null> {
    const [reservation]: Array<{ status: ReservationStatus }> = await manager.query(
      'SELECT status FROM reservations WHERE order_id = $1 FOR NO KEY UPDATE',
      [orderId],
    );
    return reservation?.status ?? null;
  }

  private async finish(
    manager: EntityManager,
    orderId: string,
    status: Exclude<ReservationStatus, 'RESERVED'>,
  ): Promise<void> {
    // A rejected order never held anything, so it has no expiry; the others keep theirs as history.
    await manager.update(
      Reservation,
      { orderId },
      status === 'REJECTED' ? { status, expiresAt: null } : { status },
    );
  }
}

/**
 * The write half of a reservation, in one statement so the hot levels' locks (taken by the caller
 * in key order) are held for as few round trips as possible: every allocated level gains its
 * reserved units (the ledger's rule, {@link effectOf}; the CHECK constraints still decide), the
 * ledger gets a RESERVATION row per level, the order a reservation line per level, and the ordered
 * products are locked in id order for the low-stock review, after the levels as everywhere else.
 * Allocations are unique per level, so the UPDATE ... FROM meets each level once.
 */
async function holdAndLockProducts(
  manager: EntityManager,
  orderId: string,
  allocations: readonly Allocation[],
  productIds: readonly string[],
): Promise<LockedProduct[]> {
  const effects = allocations.map((allocation) => effectOf('RESERVATION', allocation.quantity));
  try {
    return await manager.query(
      `WITH m AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::int[])
                  AS m(product_id, warehouse_id, quantity, on_hand, reserved)
       ), levels AS (
         UPDATE stock_levels sl
            SET on_hand = sl.on_hand + m.on_hand, reserved = sl.reserved + m.reserved,
                updated_at = now()
           FROM m
          WHERE sl.product_id = m.product_id AND sl.warehouse_id = m.warehouse_id
       ), ledger AS (
         INSERT INTO stock_movements (product_id, warehouse_id, kind, quantity, order_id)
         SELECT product_id, warehouse_id, 'RESERVATION', quantity, $1 FROM m
       ), lines AS (
         INSERT INTO reservation_lines (order_id, product_id, warehouse_id, quantity)
         SELECT $1, product_id, warehouse_id, quantity FROM m
       )
       ${lockProductsSql('$7')}`,
      [
        orderId,
        allocations.map((allocation) => allocation.productId),
        allocations.map((allocation) => allocation.warehouseId),
        allocations.map((allocation) => allocation.quantity),
        effects.map((effect) => effect.onHand),
        effects.map((effect) => effect.reserved),
        productIds,
      ],
    );
  } catch (error) {
    if (checkViolation(error) !== undefined) throw new InsufficientStockError();
    throw error;
  }
}

/** Each product's units left in the locked levels once `allocations` are taken from them. */
function availableAfter(
  candidates: readonly Candidate[],
  allocations: readonly Allocation[],
): Map<string, number> {
  const left = new Map<string, number>();
  for (const { productId, available } of candidates) {
    left.set(productId, (left.get(productId) ?? 0) + available);
  }
  for (const { productId, quantity } of allocations) {
    left.set(productId, (left.get(productId) ?? 0) - quantity);
  }
  return left;
}

/** Whether a reservation in `status` still holds units for its order. */
function isHeld(status: ReservationStatus | null): boolean {
  return status === 'RESERVED' || status === 'LAPSED';
}

/**
 * Units wanted per product; an order listing a product twice wants the sum. A line that breaks
 * the event contract is an error: the consumer retries it and then dead-letters it.
 */
function requestedQuantities(order: PlacedOrder): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const line of order.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new Error(`order.placed ${order.orderId}: invalid quantity ${line.quantity}`);
    }
    const productId = line.productId.toLowerCase();
    wanted.set(productId, (wanted.get(productId) ?? 0) + line.quantity);
  }
  return wanted;
}
