import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'PENDING', 'AWAITING_PAYMENT', 'PAID', 'FULFILLED', 'CANCELLED', 'EXPIRED',
                  'REJECTED', 'REFUNDED'`;

/**
 * Orders' tables. One order per customer and idempotency key is a constraint, so concurrent
 * placements with the same key cannot both create an order.
 */
export class CreateOrders1763700000001 implements MigrationInterface {
  name = 'CreateOrders1763700000001';

  async up(runner: QueryRunner): Promise<void> {
    // Catalog's products as `product.*` events describe them: placing an order needs no catalog.
    await runner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        vendor_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
        price_amount integer NOT NULL,
        price_currency text NOT NULL,
        snapshot_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        customer_id uuid NOT NULL,
        idempotency_key text NOT NULL,
        status text NOT NULL CHECK (status IN (${STATUSES})),
        total_amount bigint NOT NULL CHECK (total_amount >= 0),
        currency text NOT NULL,
        short_lines jsonb NOT NULL DEFAULT '[]',
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_customer_idempotency_key UNIQUE (customer_id, idempotency_key)
      )`);
    await runner.query('CREATE INDEX orders_customer_idx ON orders (customer_id, seq DESC)');
    await runner.query(`
      CREATE TABLE order_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id),
        position integer NOT NULL,
        product_id uuid NOT NULL,
        vendor_id uuid NOT NULL,
        product_name text NOT NULL,
        unit_amount integer NOT NULL CHECK (unit_amount >= 0),
        currency text NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
        fulfilled_at timestamptz,
        UNIQUE (order_id, position),
        UNIQUE (order_id, product_id)
      )`);
    await runner.query('CREATE INDEX order_items_vendor_idx ON order_items (vendor_id, order_id)');
    await runner.query('CREATE INDEX order_items_product_idx ON order_items (product_id)');
    await runner.query(`
      CREATE TABLE order_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        order_id uuid NOT NULL REFERENCES orders (id),
        from_status text CHECK (from_status IN (${STATUSES})),
        to_status text NOT NULL CHECK (to_status IN (${STATUSES})),
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX order_status_changes_order_idx ON order_status_changes (order_id, seq)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE order_status_changes');
    await runner.query('DROP TABLE order_items');
    await runner.query('DROP TABLE orders');
    await runner.query('DROP TABLE products');
  }
}
