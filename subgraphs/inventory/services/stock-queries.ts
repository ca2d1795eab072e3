import type { EntityManager } from 'typeorm';
import { isId } from '../../../lib/validation';
import { DEFAULT_LOW_STOCK_THRESHOLD } from '../entities/product.entity';
import { Warehouse } from '../entities/warehouse.entity';
import type { LevelCounts } from './stock-ledger';

/** `ProductStock` as resolvers return it: totals over active warehouses. */
export interface ProductStockView {
  productId: string;
  /** Null while catalog's `product.created` has not arrived; nobody owns the levels then. */
  vendorId: string | null;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
  lowStock: boolean;
}

/** `StockLevel` as resolvers return it. */
export interface StockLevelView {
  warehouse: Warehouse;
  onHand: number;
  reserved: number;
  /** Zero in an inactive warehouse: its stock cannot be sold. */
  available: number;
}

export function levelView(warehouse: Warehouse, counts: LevelCounts): StockLevelView {
  return {
    warehouse,
    onHand: counts.onHand,
    reserved: counts.reserved,
    available: warehouse.active ? counts.onHand - counts.reserved : 0,
  };
}

interface TotalsRow {
  productId: string;
  vendorId: string | null;
  threshold: number | null;
  onHand: number;
  reserved: number;
}

/**
 * Runs one read statement and returns its rows: a transaction's `manager.query`, or `readRows`
 * straight on the pool for a read outside any transaction (no TypeORM query runner each time).
 */
export type ReadRows = <Row>(sql: string, parameters: unknown[]) => Promise<Row[]>;

/** Stock totals of any number of products in one statement, in the order asked. */
export async function stockTotals(
  read: ReadRows,
  productIds: readonly string[],
): Promise<ProductStockView[]> {
  const ids = productIds.filter(isId);
  const rows = ids.length
    ? await read<TotalsRow>(
        `SELECT ids.id AS "productId", p.vendor_id AS "vendorId", p.low_stock_threshold AS threshold,
                COALESCE(sum(sl.on_hand) FILTER (WHERE w.active), 0)::int AS "onHand",
                COALESCE(sum(sl.reserved) FILTER (WHERE w.active), 0)::int AS reserved
           FROM unnest($1::uuid[]) AS ids (id)
           LEFT JOIN products p ON p.id = ids.id
           LEFT JOIN stock_levels sl ON sl.product_id = ids.id
           LEFT JOIN warehouses w ON w.id = sl.warehouse_id
          GROUP BY ids.id, p.vendor_id, p.low_stock_threshold`,
        [ids],
      )
    : [];
  const byId = new Map(rows.map((row) => [row.productId, row]));
  return productIds.map((productId) => {
    const row = byId.get(productId.toLowerCase());
    const onHand = row?.onHand ?? 0;
    const reserved = row?.reserved ?? 0;
    const lowStockThreshold = row?.threshold ?? DEFAULT_LOW_STOCK_THRESHOLD;
    const available = onHand - reserved;
    return {
      productId,
      vendorId: row?.vendorId ?? null,
      onHand,
      reserved,
      available,
      lowStockThreshold,
      lowStock: available <= lowStockThreshold,
    };
  });
}

interface LevelRow extends LevelCounts {
  code: string;
  name: string;
  vendorId: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Every level of any number of products in one statement, by warehouse code, in the order asked. */
export async function stockLevels(
  manager: EntityManager,
  productIds: readonly string[],
): Promise<StockLevelView[][]> {
  const ids = productIds.filter(isId);
  const rows: LevelRow[] = ids.length
    ? await manager.query(
        `SELECT sl.product_id AS "productId", sl.warehouse_id AS "warehouseId",
                sl.on_hand AS "onHand", sl.reserved, w.code, w.name, w.vendor_id AS "vendorId",
                w.active, w.created_at AS "createdAt", w.updated_at AS "updatedAt"
           FROM stock_levels sl
           JOIN warehouses w ON w.id = sl.warehouse_id
          WHERE sl.product_id = ANY($1::uuid[])
          ORDER BY w.code, w.id`,
        [ids],
      )
    : [];
  return productIds.map((productId) =>
    rows
      .filter((row) => row.productId === productId.toLowerCase())
      .map((row) =>
        levelView(
          manager.create(Warehouse, {
            id: row.warehouseId,
            vendorId: row.vendorId,
            name: row.name,
            code: row.code,
            active: row.active,
            createdAt: row.createdAt,
            updatedAt: row.updatedAt,
          }),
          row,
        ),
      ),
  );
}
