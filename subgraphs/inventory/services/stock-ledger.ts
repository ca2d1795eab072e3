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
