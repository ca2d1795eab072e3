import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'PENDING', 'AWAITING_PAYMENT', 'PAID', 'FULFILLED', 'CANCELLED', 'EXPIRED',
                  'REJECTED', 'PARTIALLY_REFUNDED', 'REFUNDED'`;
const OLD_STATUSES = `'PENDING', 'AWAITING_PAYMENT', 'PAID', 'FULFILLED', 'CANCELLED', 'EXPIRED',
                      'REJECTED', 'REFUNDED'`;

/**
 * Per-line refunds: each request (`order_refunds`) with its lines, and on every order line the
 * units and money refunded so far (settled refunds only) and how many of those were restocked.
 * A line can never be refunded beyond its quantity: the checks hold even if the service's
 * locking were wrong.
 */
export class LineRefunds1764600000000 implements MigrationInterface {
  name = 'LineRefunds1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await this.statuses(runner, STATUSES);
    await runner.query(`
      ALTER TABLE order_items
        ADD COLUMN refunded_quantity integer NOT NULL DEFAULT 0,
        ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        ADD COLUMN restocked_quantity integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT order_items_refunded_check
          CHECK (refunded_quantity BETWEEN 0 AND quantity
                 AND restocked_quantity BETWEEN 0 AND refunded_quantity)`);
    await runner.query(`
      CREATE TABLE order_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        order_id uuid NOT NULL REFERENCES orders (id),
        requested_by uuid NOT NULL,
        reason text NOT NULL,
        restock boolean NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        provider_refund_id text,
        failure_reason text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz
      )`);
    await runner.query('CREATE INDEX order_refunds_order_idx ON order_refunds (order_id, seq)');
    await runner.query(`
      CREATE TABLE order_refund_lines (
        refund_id uuid NOT NULL REFERENCES order_refunds (id),
        item_id uuid NOT NULL REFERENCES order_items (id),
        quantity integer NOT NULL CHECK (quantity > 0),
        amount bigint NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (refund_id, item_id)
      )`);
    await runner.query('CREATE INDEX order_refund_lines_item_idx ON order_refund_lines (item_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE order_refund_lines');
    await runner.query('DROP TABLE order_refunds');
    await runner.query(`
      ALTER TABLE order_items
        DROP COLUMN refunded_quantity, DROP COLUMN refunded_amount, DROP COLUMN restocked_quantity`);
    await this.statuses(runner, OLD_STATUSES);
  }

  private async statuses(runner: QueryRunner, statuses: string): Promise<void> {
    await runner.query(`
      ALTER TABLE orders
        DROP CONSTRAINT orders_status_check,
        ADD CONSTRAINT orders_status_check CHECK (status IN (${statuses}))`);
    await runner.query(`
      ALTER TABLE order_status_changes
        DROP CONSTRAINT order_status_changes_from_status_check,
        ADD CONSTRAINT order_status_changes_from_status_check
          CHECK (from_status IN (${statuses})),
        DROP CONSTRAINT order_status_changes_to_status_check,
        ADD CONSTRAINT order_status_changes_to_status_check CHECK (to_status IN (${statuses}))`);
  }
}
