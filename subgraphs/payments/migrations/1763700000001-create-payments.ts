import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments, their refunds, and the Stripe event ids already handled. */
export class CreatePayments1763700000001 implements MigrationInterface {
  name = 'CreatePayments1763700000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL UNIQUE,
        customer_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'PAID', 'FAILED', 'EXPIRED', 'REFUNDED')),
        amount integer NOT NULL CHECK (amount >= 0),
        currency text NOT NULL,
        checkout_session_id text NOT NULL UNIQUE,
        checkout_url text,
        payment_intent_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX payments_customer_idx ON payments (customer_id, created_at)');
    await runner.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payments (id),
        stripe_refund_id text NOT NULL UNIQUE,
        amount integer NOT NULL CHECK (amount >= 0),
        currency text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        reason text NOT NULL CHECK (reason IN ('ORDER_CANCELLED', 'LATE_PAYMENT')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX refunds_payment_idx ON refunds (payment_id)');
    // A Stripe event id is stored in the transaction of its effect: a redelivery finds it here.
    await runner.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE stripe_events');
    await runner.query('DROP TABLE refunds');
    await runner.query('DROP TABLE payments');
  }
}
