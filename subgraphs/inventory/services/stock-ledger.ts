import type { EntityManager } from 'typeorm';
import { checkViolation } from '../../../lib/db/database';
import { InsufficientStockError } from '../../../lib/errors';
import type { StockLevel } from '../entities/stock-level.entity';
import type { StockMovementKind } from '../generated/resolvers-types';

/**
 * What a movement of `quantity` does to a level; the ledger's one rule. Summing the effects of a
 * level's movements gives its on-hand and reserved counts. A sale consumes the reservation it
 * turns into, so it lowers both; a restock puts sold units back on the shelf, held for no one.
 */
export function effectOf(
  kind: StockMovementKind,
  quantity: number,
): { onHand: number; reserved: number } {
  switch (kind) {
    case 'RECEIPT':
    case 'ADJUSTMENT':
    case 'TRANSFER_IN':
    case 'TRANSFER_OUT':
    case 'RESTOCK':
      return { onHand: quantity, reserved: 0 };
    case 'RESERVATION':
    case 'RELEASE':
      return { onHand: 0, reserved: quantity };
    case 'SALE':
      return { onHand: quantity, reserved: quantity };
  }
}

/** One change of one level. `quantity` is signed: receipts are positive, sales negative. */
export interface Movement {
  productId: string;
  warehouseId: string;
  kind: StockMovementKind;
  quantity: number;
  reason?: string | null;
  orderId?: string | null;
}

/** A level's counts as the ledger returns them after a change. */
export type LevelCounts = Pick<StockLevel, 'productId' | 'warehouseId' | 'onHand' | 'reserved'>;

const RETURNING =
  'RETURNING product_id AS "productId", warehouse_id AS "warehouseId", on_hand AS "onHand", reserved';

/**
 * Applies a movement to its level and records it, inside the caller's transaction. The first
 * increase creates the level. The CHECK constraints decide whether the change is possible (never
 * a value read earlier): a refused change throws `INSUFFICIENT_STOCK`, and because the failed
 * statement aborts the transaction, the caller's whole transaction rolls back with it.
 */
export async function recordMovement(
  manager: EntityManager,
  movement: Movement,
): Promise<LevelCounts> {
  const { onHand, reserved } = effectOf(movement.kind, movement.quantity);
  const key = [movement.productId, movement.warehouseId];
  let level: LevelCounts | undefined;
  try {
    // An upsert proposes the delta itself as a new row, and Postgres checks that row's
    // constraints even when it conflicts, so only deltas that are a valid level on their own
    // (receipts, transfers in, increases) may take this path; the rest update an existing level.
    if (reserved >= 0 && onHand >= reserved) {
      const inserted: LevelCounts[] = await manager.query(
        `INSERT INTO stock_levels (product_id, warehouse_id, on_hand, reserved)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (product_id, warehouse_id) DO UPDATE
           SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand,
               reserved = stock_levels.reserved + EXCLUDED.reserved,
               updated_at = now()
         ${RETURNING}`,
        [...key, onHand, reserved],
      );
      level = inserted[0];
    } else {
      // TypeORM answers an UPDATE with [rows, affected].
      const [updated]: [LevelCounts[], number] = await manager.query(
        `UPDATE stock_levels
            SET on_hand = on_hand + $3, reserved = reserved + $4, updated_at = now()
          WHERE product_id = $1 AND warehouse_id = $2
         ${RETURNING}`,
        [...key, onHand, reserved],
      );
      level = updated[0];
    }
  } catch (error) {
    if (checkViolation(error) !== undefined) throw new InsufficientStockError();
    throw error;
  }
  if (!level) throw new InsufficientStockError('There is no stock of this product here');
  await manager.query(
    `INSERT INTO stock_movements (product_id, warehouse_id, kind, quantity, reason, order_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [...key, movement.kind, movement.quantity, movement.reason ?? null, movement.orderId ?? null],
  );
  return level;
}

/**
 * Takes every unit an order's reservation holds off its levels (`RELEASE`: back on sale; `SALE`:
 * gone with the order) and moves the reservation to `status`, in one statement: the levels are
 * locked in (product_id, warehouse_id) order first, as everywhere else, then updated by the
 * ledger's rule ({@link effectOf}), one ledger row each. The caller holds the reservation's lock.
 * Returns the ids of the products whose levels changed, in id order.
 */
export async function moveReservedUnits(
  manager: EntityManager,
  orderId: string,
  kind: 'RELEASE' | 'SALE',
  status: 'RELEASED' | 'EXPIRED' | 'SOLD',
): Promise<string[]> {
  const perUnit = effectOf(kind, -1);
  let moved: { lines: number; levels: number; productIds: string[] | null };
  try {
    [moved] = await manager.query(
      `WITH lines AS (
         SELECT product_id, warehouse_id, quantity FROM reservation_lines WHERE order_id = $1
       ), locked AS (
         SELECT sl.product_id, sl.warehouse_id, l.quantity
           FROM stock_levels sl JOIN lines l USING (product_id, warehouse_id)
          ORDER BY sl.product_id, sl.warehouse_id
          FOR NO KEY UPDATE OF sl
       ), levels AS (
         UPDATE stock_levels sl
            SET on_hand = sl.on_hand + $2 * k.quantity, reserved = sl.reserved + $3 * k.quantity,
                updated_at = now()
           FROM locked k
          WHERE sl.product_id = k.product_id AND sl.warehouse_id = k.warehouse_id
       ), ledger AS (
         INSERT INTO stock_movements (product_id, warehouse_id, kind, quantity, order_id)
         SELECT product_id, warehouse_id, $4, -quantity, $1 FROM locked
       ), finished AS (
         UPDATE reservations SET status = $5, updated_at = now() WHERE order_id = $1
       )
       SELECT (SELECT count(*)::int FROM lines) AS lines,
              (SELECT count(*)::int FROM locked) AS levels,
              (SELECT array_agg(DISTINCT product_id ORDER BY product_id) FROM locked)::text[]
                AS "productIds"`,
      [orderId, perUnit.onHand, perUnit.reserved, kind, status],
    );
  } catch (error) {
    if (checkViolation(error) !== undefined) throw new InsufficientStockError();
    throw error;
  }
  // Every held line has its level (it was reserved from it); one missing is a broken invariant.
  if (moved.levels !== moved.lines) {
    throw new InsufficientStockError('There is no stock of this product here');
  }
  return moved.productIds ?? [];
}
