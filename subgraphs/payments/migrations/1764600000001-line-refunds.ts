import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial refunds of an order's lines: a refund may answer one `order.refund_requested`
 * (`order_refund_id`, unique, so a redelivered request never refunds twice), may be refused by
 * Stripe before it has an id (`stripe_refund_id` null, `failure_reason` set).
 */
export class LineRefunds1764600000001 implements MigrationInterface {
  name = 'LineRefunds1764600000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE refunds
        ADD COLUMN order_refund_id uuid UNIQUE,
        ADD COLUMN failure_reason text,
        ALTER COLUMN stripe_refund_id DROP NOT NULL,
        DROP CONSTRAINT refunds_reason_check,
        ADD CONSTRAINT refunds_reason_check
          CHECK (reason IN ('ORDER_CANCELLED', 'LATE_PAYMENT', 'LINES_REFUNDED'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query("DELETE FROM refunds WHERE reason = 'LINES_REFUNDED'");
    await runner.query(`
      ALTER TABLE refunds
        DROP COLUMN order_refund_id,
        DROP COLUMN failure_reason,
        ALTER COLUMN stripe_refund_id SET NOT NULL,
        DROP CONSTRAINT refunds_reason_check,
        ADD CONSTRAINT refunds_reason_check CHECK (reason IN ('ORDER_CANCELLED', 'LATE_PAYMENT'))`);
  }
}
