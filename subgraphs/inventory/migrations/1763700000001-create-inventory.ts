import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inventory's tables. The stock invariants live here, not in application code: every writer goes
 * through these CHECK constraints, so no interleaving of transactions can oversell.
 */
export class CreateInventory1763700000001 implements MigrationInterface {
  name = 'CreateInventory1763700000001';

  async up(runner: QueryRunner): Promise<void> {
    // Catalog's products as `product.*` events describe them, plus inventory's own settings.
    // `low_stock_alerted` starts true: a new product has no stock, which is at or below any
    // threshold, but it never fell there, so it is not a crossing worth a `stock.low`.
    await runner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        vendor_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
        snapshot_at timestamptz NOT NULL,
        low_stock_threshold integer NOT NULL DEFAULT 5
          CHECK (low_stock_threshold BETWEEN 0 AND 1000000),
        low_stock_alerted boolean NOT NULL DEFAULT true
      )`);
    await runner.query('CREATE INDEX products_vendor_idx ON products (vendor_id)');
    await runner.query(`
      CREATE TABLE warehouses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        vendor_id uuid NOT NULL,
        name text NOT NULL,
        code text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT warehouses_vendor_code_key UNIQUE (vendor_id, code)
      )`);
    await runner.query(`
      CREATE TABLE stock_levels (
        product_id uuid NOT NULL REFERENCES products (id),
        warehouse_id uuid NOT NULL REFERENCES warehouses (id),
        on_hand integer NOT NULL DEFAULT 0,
        reserved integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, warehouse_id),
        CONSTRAINT stock_levels_on_hand_check CHECK (on_hand >= 0),
        CONSTRAINT stock_levels_reserved_check CHECK (reserved >= 0),
        CONSTRAINT stock_levels_reserved_within_on_hand_check CHECK (reserved <= on_hand)
      )`);
    await runner.query('CREATE INDEX stock_levels_warehouse_idx ON stock_levels (warehouse_id)');
    await runner.query(`
      CREATE TABLE stock_movements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        product_id uuid NOT NULL,
        warehouse_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RECEIPT', 'ADJUSTMENT', 'TRANSFER_IN', 'TRANSFER_OUT',
                                           'RESERVATION', 'RELEASE', 'SALE')),
        quantity integer NOT NULL CHECK (quantity <> 0),
        reason text,
        order_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (product_id, warehouse_id) REFERENCES stock_levels (product_id, warehouse_id)
      )`);
    await runner.query(
      'CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, seq DESC)',
    );
    await runner.query(`
      CREATE TABLE reservations (
        order_id uuid PRIMARY KEY,
        status text NOT NULL
          CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'EXPIRED', 'SOLD')),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'RESERVED' OR expires_at IS NOT NULL)
      )`);
    await runner.query(
      `CREATE INDEX reservations_due_idx ON reservations (expires_at) WHERE status = 'RESERVED'`,
    );
    await runner.query(`
      CREATE TABLE reservation_lines (
        order_id uuid NOT NULL REFERENCES reservations (order_id),
        product_id uuid NOT NULL,
        warehouse_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_id, product_id, warehouse_id),
        FOREIGN KEY (product_id, warehouse_id) REFERENCES stock_levels (product_id, warehouse_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE reservation_lines');
    await runner.query('DROP TABLE reservations');
    await runner.query('DROP TABLE stock_movements');
    await runner.query('DROP TABLE stock_levels');
    await runner.query('DROP TABLE warehouses');
    await runner.query('DROP TABLE products');
  }
}
