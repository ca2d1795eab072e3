import type { EntityManager } from 'typeorm';
import { readRows } from '../../../lib/db/database';
import { transactionWithEvents } from '../../../lib/events/outbox';
import { id as idSchema, parseInput } from '../../../lib/validation';
import { Product } from '../entities/product.entity';
import { StockMovement } from '../entities/stock-movement.entity';
import type {
  AdjustStockInput,
  ReceiveStockInput,
  TransferStockInput,
} from '../generated/resolvers-types';
import {
  adjustStockInput,
  movementsPageSize,
  receiveStockInput,
  threshold as thresholdSchema,
  transferStockInput,
} from '../validation';
import type { InventoryDeps } from './inventory-deps';
import { reviewLowStock } from './low-stock';
import { ownedProduct, ownedWarehouse } from './ownership';
import { recordMovement } from './stock-ledger';
import {
  levelView,
  stockLevels,
  stockTotals,
  type ProductStockView,
  type StockLevelView,
} from './stock-queries';

/** A vendor's stock operations on its own products in its own warehouses. */
export class StockService {
  constructor(private readonly deps: InventoryDeps) {}

  async receive(
    vendorId: string,
    rawInput: ReceiveStockInput,
    requestId: string,
  ): Promise<StockLevelView> {
    const input = parseInput(receiveStockInput, rawInput, 'input');
    return this.transaction(async (manager) => {
      await ownedProduct(manager, input.productId, vendorId);
      const warehouse = await ownedWarehouse(manager, input.warehouseId, vendorId);
      const level = await recordMovement(manager, {
        productId: input.productId,
        warehouseId: warehouse.id,
        kind: 'RECEIPT',
        quantity: input.quantity,
      });
      await reviewLowStock(manager, [input.productId], requestId);
      return levelView(warehouse, level);
    });
  }

  /** Corrects on-hand stock; going below what is reserved is `INSUFFICIENT_STOCK`. */
  async adjust(
    vendorId: string,
    rawInput: AdjustStockInput,
    requestId: string,
  ): Promise<StockLevelView> {
    const input = parseInput(adjustStockInput, rawInput, 'input');
    return this.transaction(async (manager) => {
      await ownedProduct(manager, input.productId, vendorId);
      const warehouse = await ownedWarehouse(manager, input.warehouseId, vendorId);
      const level = await recordMovement(manager, {
        productId: input.productId,
        warehouseId: warehouse.id,
        kind: 'ADJUSTMENT',
        quantity: input.delta,
        reason: input.reason,
      });
      await reviewLowStock(manager, [input.productId], requestId);
      return levelView(warehouse, level);
    });
  }

  /**
   * Moves stock between two of the vendor's warehouses in one transaction. The destination is
   * credited first and the source debited second, where the CHECK constraints may refuse it (stock
   * that is reserved cannot leave); the transaction then rolls back the credit too, so a transfer
   * happens completely or not at all.
   */
  async transfer(
    vendorId: string,
    rawInput: TransferStockInput,
    requestId: string,
  ): Promise<StockLevelView[]> {
    const input = parseInput(transferStockInput, rawInput, 'input');
    return this.transaction(async (manager) => {
      await ownedProduct(manager, input.productId, vendorId);
      const from = await ownedWarehouse(manager, input.fromWarehouseId, vendorId);
      const to = await ownedWarehouse(manager, input.toWarehouseId, vendorId);
      // Both level rows are locked in key order before either changes, so two opposite transfers
      // of the same product wait for each other instead of deadlocking.
      await manager.query(
        `SELECT 1 FROM stock_levels
          WHERE product_id = $1 AND warehouse_id = ANY($2::uuid[])
          ORDER BY warehouse_id FOR NO KEY UPDATE`,
        [input.productId, [from.id, to.id]],
      );
      const movement = { productId: input.productId, reason: null };
      const credited = await recordMovement(manager, {
        ...movement,
        warehouseId: to.id,
        kind: 'TRANSFER_IN',
        quantity: input.quantity,
      });
      const debited = await recordMovement(manager, {
        ...movement,
        warehouseId: from.id,
        kind: 'TRANSFER_OUT',
        quantity: -input.quantity,
      });
      await reviewLowStock(manager, [input.productId], requestId);
      return [levelView(from, debited), levelView(to, credited)];
    });
  }

  async setLowStockThreshold(
    vendorId: string,
    rawProductId: string,
    rawThreshold: number,
    requestId: string,
  ): Promise<ProductStockView> {
    const productId = parseInput(idSchema, rawProductId, 'productId');
    const threshold = parseInput(thresholdSchema, rawThreshold, 'threshold');
    return this.transaction(async (manager) => {
      await ownedProduct(manager, productId, vendorId);
      await manager.update(Product, { id: productId }, { lowStockThreshold: threshold });
      // A new threshold can make current stock low (or no longer low) without any stock moving.
      await reviewLowStock(manager, [productId], requestId);
      const [stock] = await stockTotals((sql, params) => manager.query(sql, params), [productId]);
      return stock;
    });
  }

  /** The product's ledger, newest first; its owner only. */
  async movements(
    vendorId: string,
    rawProductId: string,
    rawFirst: number,
  ): Promise<StockMovement[]> {
    const productId = parseInput(idSchema, rawProductId, 'productId');
    const first = parseInput(movementsPageSize, rawFirst, 'first');
    const manager = this.deps.dataSource.manager;
    await ownedProduct(manager, productId, vendorId);
    return manager.find(StockMovement, {
      where: { productId },
      order: { seq: 'DESC' },
      take: first,
    });
  }

  /** Stock totals by product in one statement (the DataLoader's batch function). */
  totalsOf(productIds: readonly string[]): Promise<ProductStockView[]> {
    return stockTotals((sql, params) => readRows(this.deps.dataSource, sql, params), productIds);
  }

  /** Levels by product in one statement (the DataLoader's batch function). */
  levelsOf(productIds: readonly string[]): Promise<StockLevelView[][]> {
    return stockLevels(this.deps.dataSource.manager, productIds);
  }

  private transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, work);
  }
}
